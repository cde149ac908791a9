from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"

    def ready(self):
        from django.core.signals import got_request_exception

        from hub import page_cache_invalidation
        from hub.database_outage import note_database_failure

        page_cache_invalidation.connect()
        # Any request's exception: the database may fail in any view.
        got_request_exception.connect(
            note_database_failure, dispatch_uid="hub.database_outage"
        )
