import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap; above it, an unfiltered list uses the
# planner's estimate instead of counting every row on each page load.
EXACT_COUNT_LIMIT = 20_000
# A filtered list (a status, a section, a search) is counted exactly up to this many rows
# (an index range of at most this length); beyond, PostgreSQL's estimate of the filtered
# query is shown instead of counting, say, every published story.
FILTERED_EXACT_LIMIT = 1_000


class LargeTablePaginator(Paginator):
    """The admin list's paginator for the article table, which grows without bound.

    An unfiltered list on PostgreSQL takes its total from ``pg_class.reltuples`` (kept by
    autovacuum) when the table is large; a filtered list counts at most
    ``FILTERED_EXACT_LIMIT`` rows, then asks the planner (``EXPLAIN``) for an estimate.
    SQLite (small newsrooms) counts exactly.
    """

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return super().count
        if not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] > EXACT_COUNT_LIMIT:
                return row[0]
            return super().count
        found = queryset.order_by()[: FILTERED_EXACT_LIMIT + 1].count()
        if found <= FILTERED_EXACT_LIMIT:
            return found
        sql, params = queryset.order_by().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):  # the driver did not decode the JSON
            plan = json.loads(plan)
        return max(int(plan[0]["Plan"]["Plan Rows"]), found)
