"""The web editor for communications staff, built on Decap CMS.

- ``config``: the Decap configuration, generated from the registry (clusters,
  units, events) and the site's settings, so the form offers exactly what the
  reader accepts.
- ``server``: ``make edit``: serves the editor from node_modules (no CDN),
  starts decap-server (the local backend that writes into the content folder)
  and ``make serve`` (the preview of the site), prints one address.
- ``bundle``: the same editor as static files for an agency's own git server
  (Gitea or GitLab backend), deployed beside the site.

The browser half (custom widgets, validation, previews) is ``editor/``.
"""
