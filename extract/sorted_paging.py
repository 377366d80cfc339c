"""Sorted table pages that page on without skipping or repeating rows (a Datasette 0.65 fix).

Datasette orders the first page of a sorted table by the sort column alone and every later page
(``_next``) by the column and the primary key. Rows tied on the column (every measure of one
fiscal year) come back in an index's order on the first page and in the key's on the others, so
paging on, or a streamed CSV download, skipped some rows and repeated others (``measures`` sorted
by year down: 119 rows, 100 distinct, of 154). The first page is asked for here as the page after
a keyset token that comes before every row, so Datasette orders it as the rest.
"""

from __future__ import annotations

from datasette.utils import tilde_decode, tilde_encode

# A keyset token before every row: sorting up, nulls come first ("$null" is Datasette's token for
# a null sort value); sorting down, a text after any value a report holds (SQLite orders every
# number before every text), then a key below every id.
BEFORE_ASCENDING = "$null,-1"
BEFORE_DESCENDING = tilde_encode("\U0010ffff") + ",-1"


def install() -> None:
    """Make every ``TableView`` read a sorted table's first page through the token (once)."""
    # imported here: the plugin module loads while Datasette is still importing its views
    from datasette.views.table import TableView

    if getattr(TableView.data, "first_page_by_key", False):
        return
    data = TableView.data

    async def data_first_page_by_key(self, request, default_labels=False, _next=None, _size=None):
        if _next is None and not request.args.get("_next"):
            _next = await token_before_every_row(self.ds, request)
        return await data(self, request, default_labels, _next, _size)

    data_first_page_by_key.first_page_by_key = True
    TableView.data = data_first_page_by_key


async def token_before_every_row(datasette, request) -> str | None:
    """The token for the table page ``request`` asks for, when it is sorted; else None (a view
    is paged by offset, in one order throughout; a key of several columns is left as it is)."""
    db = datasette.get_database(route=tilde_decode(request.url_vars["database"]))
    table = tilde_decode(request.url_vars["table"])
    ascending, descending = request.args.get("_sort"), request.args.get("_sort_desc")
    if not (ascending or descending):
        metadata = datasette.table_metadata(db.name, table)
        ascending, descending = metadata.get("sort"), metadata.get("sort_desc")
    if not (ascending or descending) or not await db.table_exists(table):
        return None
    if len(await db.primary_keys(table)) > 1:
        return None
    return BEFORE_ASCENDING if ascending else BEFORE_DESCENDING
