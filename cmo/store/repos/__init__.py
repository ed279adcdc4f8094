"""The store's repositories: one small module per kind of thing a project holds.

``Store`` and the unit of work of ``Store.transaction()`` expose the same repositories
(``store.codings``, ``store.cmocs``, …); see :class:`~cmo.store.repo_access.Repos`.
"""
