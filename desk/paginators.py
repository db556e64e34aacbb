from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap; above it, an unfiltered list uses the
# planner's estimate instead of counting every row on each page load.
EXACT_COUNT_LIMIT = 20_000


class LargeTablePaginator(Paginator):
    """The admin list's paginator for the article table, which grows without bound.

    An unfiltered list on PostgreSQL takes its total from ``pg_class.reltuples`` (kept by
    autovacuum) when the table is large; filtered lists and small tables count exactly.
    """

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] > EXACT_COUNT_LIMIT:
                return row[0]
        return super().count
