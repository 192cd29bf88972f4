"""Notifications: the in-app inbox every domain writes to through `service.notify`."""
