from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"

    def ready(self):
        from hub import page_cache_invalidation

        page_cache_invalidation.connect()
