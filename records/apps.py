from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Patient records"

    def ready(self) -> None:
        from records import worker_startup  # noqa: F401  (connects the worker start-up sweep)
