"""One exception hierarchy shared by every Pandora client."""

from __future__ import annotations


class PandoraError(Exception):
    """Base class of every error raised by a Pandora client."""


class CannotConnect(PandoraError):
    """The service could not be reached (DNS, refused, TLS, timeout)."""


class InvalidAuth(PandoraError):
    """The service refused the credentials."""


class IPBanned(PandoraError):
    """The service banned our IP address after too many failed logins."""


class RateLimited(PandoraError):
    """The service asked us to slow down."""

    def __init__(self, message: str = "", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QuotaExceeded(PandoraError):
    """The account's request quota for the period is used up (Watchmode answers 402)."""


class ServiceError(PandoraError):
    """The service answered, but refused or failed the request."""


class ServerError(ServiceError):
    """The service (or a proxy in front of it) failed on its side: HTTP 5xx, worth a retry."""


class ParseError(ServiceError):
    """The service's answer could not be understood."""


class RequestRefused(ServiceError):
    """The service understood the request and refused it (HTTP 400: an unknown country...)."""


class TorrentRejected(ServiceError):
    """qBittorrent refused to add a torrent (duplicate, bad URL or bad file)."""


class NotFound(ServiceError):
    """The service does not know the requested item."""


class RouteNotAllowed(ServiceError):
    """The service accepts the credentials, but its access rules do not open this route."""

    def __init__(self, message: str, route: str = "") -> None:
        super().__init__(message)
        self.route = route


# The service is away for now (down, restarting, overloaded): a background job waits and tries
# again; anything else is an answer that trying again would not change.
TRANSIENT_ERRORS: tuple[type[PandoraError], ...] = (CannotConnect, RateLimited, ServerError)
