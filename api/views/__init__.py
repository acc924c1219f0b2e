"""Views of the API, one module per resource.

Every view that takes a patient id reaches her through ``records.access`` (the same door and
audit log as the pages), once per request, naming the action it takes. Scopes are checked
first (``api.permissions.HasScope``), so a token without the scope learns nothing more.
"""
