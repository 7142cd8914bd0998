"""What the tests share that is not a fixture: paths, app helpers, pages and a local HTTP server."""
