"""Bring an article over from a legacy agency portal: ``make import FILE=saved.html``.

One job per module, in the order the data flows:

- ``source``: read a saved page (HTML) or a copied text into blocks of text in reading order;
- ``debris``: recognise what the portal added around the article (counters, menus, toolbars);
- ``dates``: dates and times as the portals print them;
- ``extract``: find the article among the debris: title, date, body, photos, byline;
- ``guess``: cluster, emulation year, event and units from the registry;
- ``write``: the article folder in our format, never overwriting anything.
"""
