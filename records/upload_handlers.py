"""Stop reading an uploaded file as soon as it passes the size limit.

Without this, Django would write a 2 GB upload to disk before any view could refuse it. The
names of the files skipped are kept on the request so the upload view can say why.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.limit = settings.NAVIS_MAX_UPLOAD_BYTES
        if request is not None and not hasattr(request, "oversized_uploads"):
            request.oversized_uploads = []

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            if self.request is not None:
                self.request.oversized_uploads.append(self.file_name)
            raise SkipFile("over the size limit")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
