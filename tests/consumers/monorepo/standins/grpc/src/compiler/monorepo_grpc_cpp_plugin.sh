#!/bin/sh
# The monorepo's grpc_cpp_plugin.
exec /usr/bin/grpc_cpp_plugin "$@"
