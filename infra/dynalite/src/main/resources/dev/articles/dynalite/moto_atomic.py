"""moto_server, each request handled whole before the next.

moto checks a write's condition and then applies the write, with no lock, on one thread per request: two
conditional writes racing on one item can both pass (two creates with one Idempotency-Key both won). DynamoDB
applies each single-item write atomically, so the engine our tests stand on must too. One request at a time is
also what moto's Python can run anyway (one interpreter lock). Arguments: moto_server's.
"""
import sys
import threading

from moto import server

_one_at_a_time = threading.Lock()
_handle = server.DomainDispatcherApplication.__call__


def _handle_whole(self, environ, start_response):
    with _one_at_a_time:
        # moto builds the whole answer in the call; the body it returns is already in memory.
        return _handle(self, environ, start_response)


server.DomainDispatcherApplication.__call__ = _handle_whole
server.main(sys.argv[1:])
