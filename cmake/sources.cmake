# The CMake build's source lists, generated from the Bazel BUILD files by
#   python3 tools/cmake_sources.py --write
# Do not edit: change the BUILD.bazel file and regenerate. tools/test.sh
# fails when this file and the BUILD files differ (see that script).

# //bench:facade_bench srcs
set(bench/facade_bench.srcs
  bench/facade_bench.cc
)

# //bench:fanout_bench srcs
set(bench/fanout_bench.srcs
  bench/fanout_bench.cc
)

# //bench:loopback_get hdrs
set(bench/loopback_get.hdrs
  bench/loopback_get.h
)

# //bench:loopback_get srcs
set(bench/loopback_get.srcs
  bench/loopback_get.cc
)

# //bench:rest_bench srcs
set(bench/rest_bench.srcs
  bench/rest_bench.cc
)

# //bench:validation_bench srcs
set(bench/validation_bench.srcs
  bench/validation_bench.cc
)

# //cc/clouddesktop/cli:cli_lib hdrs
set(cc/clouddesktop/cli/cli_lib.hdrs
  cc/clouddesktop/cli/app.h
  cc/clouddesktop/cli/bounded_read.h
  cc/clouddesktop/cli/commands.h
  cc/clouddesktop/cli/connection_flags.h
  cc/clouddesktop/cli/demo.h
  cc/clouddesktop/cli/emulator_command.h
  cc/clouddesktop/cli/errors.h
  cc/clouddesktop/cli/exit_codes.h
  cc/clouddesktop/cli/flag_suggestions.h
  cc/clouddesktop/cli/interrupts.h
  cc/clouddesktop/cli/output.h
  cc/clouddesktop/cli/request_flags.h
  cc/clouddesktop/cli/service_commands.inc
  cc/clouddesktop/cli/waiter.h
  cc/clouddesktop/cli/yc_config.h
  cc/clouddesktop/cli/yc_defaults.h
)

# //cc/clouddesktop/cli:cli_lib srcs
set(cc/clouddesktop/cli/cli_lib.srcs
  cc/clouddesktop/cli/app.cc
  cc/clouddesktop/cli/bounded_read.cc
  cc/clouddesktop/cli/commands.cc
  cc/clouddesktop/cli/connection_flags.cc
  cc/clouddesktop/cli/demo.cc
  cc/clouddesktop/cli/emulator_command.cc
  cc/clouddesktop/cli/errors.cc
  cc/clouddesktop/cli/flag_suggestions.cc
  cc/clouddesktop/cli/interrupts.cc
  cc/clouddesktop/cli/output.cc
  cc/clouddesktop/cli/request_flags.cc
  cc/clouddesktop/cli/waiter.cc
  cc/clouddesktop/cli/yc_config.cc
  cc/clouddesktop/cli/yc_defaults.cc
)

# //cc/clouddesktop/cli:clouddesktop srcs
set(cc/clouddesktop/cli/clouddesktop.srcs
  cc/clouddesktop/cli/main.cc
)

# //cc/clouddesktop:client hdrs
set(cc/clouddesktop/client.hdrs
  cc/clouddesktop/api_types.h
  cc/clouddesktop/auth_provider.h
  cc/clouddesktop/await_options.h
  cc/clouddesktop/backoff_policy.h
  cc/clouddesktop/call_options.h
  cc/clouddesktop/clock.h
  cc/clouddesktop/connection_factory.h
  cc/clouddesktop/desktop_client.h
  cc/clouddesktop/desktop_connection.h
  cc/clouddesktop/desktop_group_client.h
  cc/clouddesktop/desktop_group_connection.h
  cc/clouddesktop/desktop_image_client.h
  cc/clouddesktop/desktop_image_connection.h
  cc/clouddesktop/error_info.h
  cc/clouddesktop/future.h
  cc/clouddesktop/future_combinators.h
  cc/clouddesktop/internal/api_endpoint_stub.h
  cc/clouddesktop/internal/async_retry_loop.h
  cc/clouddesktop/internal/auth_decorator.h
  cc/clouddesktop/internal/backoff.h
  cc/clouddesktop/internal/call_errors.h
  cc/clouddesktop/internal/call_registry.h
  cc/clouddesktop/internal/connection_impls.h
  cc/clouddesktop/internal/desktop_group_stub.h
  cc/clouddesktop/internal/desktop_image_stub.h
  cc/clouddesktop/internal/desktop_stub.h
  cc/clouddesktop/internal/errors.h
  cc/clouddesktop/internal/executor.h
  cc/clouddesktop/internal/future_state.h
  cc/clouddesktop/internal/grpc_callback_thread.h
  cc/clouddesktop/internal/grpc_stubs.h
  cc/clouddesktop/internal/iam_token_stub.h
  cc/clouddesktop/internal/log_environment.h
  cc/clouddesktop/internal/logging_decorator.h
  cc/clouddesktop/internal/message_size.h
  cc/clouddesktop/internal/metadata_decorator.h
  cc/clouddesktop/internal/operation_stub.h
  cc/clouddesktop/internal/pem.h
  cc/clouddesktop/internal/poll_errors.h
  cc/clouddesktop/internal/poll_slot.h
  cc/clouddesktop/internal/polling_loop.h
  cc/clouddesktop/internal/random.h
  cc/clouddesktop/internal/rest/rest_stubs.h
  cc/clouddesktop/internal/rest/rest_transport.h
  cc/clouddesktop/internal/rpc_context.h
  cc/clouddesktop/internal/rpc_limiter.h
  cc/clouddesktop/internal/simulated_clock.h
  cc/clouddesktop/internal/stub_factory.h
  cc/clouddesktop/internal/stub_macros.h
  cc/clouddesktop/internal/transport.h
  cc/clouddesktop/internal/unimplemented.h
  cc/clouddesktop/internal/uuid.h
  cc/clouddesktop/log_sink.h
  cc/clouddesktop/name_resolver.h
  cc/clouddesktop/operation.h
  cc/clouddesktop/operation_client.h
  cc/clouddesktop/operation_connection.h
  cc/clouddesktop/options.h
  cc/clouddesktop/pagination_range.h
  cc/clouddesktop/polling_policy.h
  cc/clouddesktop/retry_policy.h
  cc/clouddesktop/status_details.h
  cc/clouddesktop/text_log_sink.h
)

# //cc/clouddesktop:client srcs
set(cc/clouddesktop/client.srcs
  cc/clouddesktop/backoff_policy.cc
  cc/clouddesktop/clock.cc
  cc/clouddesktop/connection_factory.cc
  cc/clouddesktop/desktop_client.cc
  cc/clouddesktop/desktop_connection.cc
  cc/clouddesktop/desktop_group_client.cc
  cc/clouddesktop/desktop_group_connection.cc
  cc/clouddesktop/desktop_image_client.cc
  cc/clouddesktop/desktop_image_connection.cc
  cc/clouddesktop/error_info.cc
  cc/clouddesktop/internal/async_retry_loop.cc
  cc/clouddesktop/internal/backoff.cc
  cc/clouddesktop/internal/call_errors.cc
  cc/clouddesktop/internal/call_registry.cc
  cc/clouddesktop/internal/decorators.cc
  cc/clouddesktop/internal/desktop_connection_impl.cc
  cc/clouddesktop/internal/desktop_group_connection_impl.cc
  cc/clouddesktop/internal/desktop_image_connection_impl.cc
  cc/clouddesktop/internal/errors.cc
  cc/clouddesktop/internal/executor.cc
  cc/clouddesktop/internal/future_state.cc
  cc/clouddesktop/internal/grpc_callback_thread.cc
  cc/clouddesktop/internal/grpc_stubs.cc
  cc/clouddesktop/internal/log_environment.cc
  cc/clouddesktop/internal/message_size.cc
  cc/clouddesktop/internal/operation_connection_impl.cc
  cc/clouddesktop/internal/pem.cc
  cc/clouddesktop/internal/polling_loop.cc
  cc/clouddesktop/internal/rest/rest_stubs.cc
  cc/clouddesktop/internal/rest/rest_transport.cc
  cc/clouddesktop/internal/rpc_context.cc
  cc/clouddesktop/internal/rpc_limiter.cc
  cc/clouddesktop/internal/simulated_clock.cc
  cc/clouddesktop/internal/stub_factory.cc
  cc/clouddesktop/internal/transport.cc
  cc/clouddesktop/internal/uuid.cc
  cc/clouddesktop/name_resolver.cc
  cc/clouddesktop/operation_connection.cc
  cc/clouddesktop/polling_policy.cc
  cc/clouddesktop/retry_policy.cc
  cc/clouddesktop/status_details.cc
  cc/clouddesktop/text_log_sink.cc
)

# //cc/clouddesktop/credentials:credentials hdrs
set(cc/clouddesktop/credentials/credentials.hdrs
  cc/clouddesktop/credentials/clock.h
  cc/clouddesktop/credentials/credentials.h
  cc/clouddesktop/credentials/internal/iam_token_exchange.h
  cc/clouddesktop/credentials/internal/jwt.h
  cc/clouddesktop/credentials/internal/metadata_client.h
  cc/clouddesktop/credentials/internal/metadata_token_stub.h
  cc/clouddesktop/credentials/internal/oauth_warning.h
  cc/clouddesktop/credentials/internal/service_account_key.h
  cc/clouddesktop/credentials/internal/token_refresher.h
  cc/clouddesktop/credentials/internal/warning.h
  cc/clouddesktop/credentials/internal/wipe.h
)

# //cc/clouddesktop/credentials:credentials srcs
set(cc/clouddesktop/credentials/credentials.srcs
  cc/clouddesktop/credentials/credentials.cc
  cc/clouddesktop/credentials/internal/iam_token_exchange.cc
  cc/clouddesktop/credentials/internal/jwt.cc
  cc/clouddesktop/credentials/internal/metadata_client.cc
  cc/clouddesktop/credentials/internal/metadata_token_stub.cc
  cc/clouddesktop/credentials/internal/oauth_warning.cc
  cc/clouddesktop/credentials/internal/service_account_key.cc
  cc/clouddesktop/credentials/internal/token_refresher.cc
  cc/clouddesktop/credentials/internal/warning.cc
)

# //cc/clouddesktop:curl_http_client hdrs
set(cc/clouddesktop/curl_http_client.hdrs
  cc/clouddesktop/internal/rest/curl_http_client.h
)

# //cc/clouddesktop:curl_http_client srcs
set(cc/clouddesktop/curl_http_client.srcs
  cc/clouddesktop/internal/rest/curl_http_client.cc
)

# //cc/clouddesktop/emulator:command_line hdrs
set(cc/clouddesktop/emulator/command_line.hdrs
  cc/clouddesktop/emulator/internal/command_line.h
)

# //cc/clouddesktop/emulator:command_line srcs
set(cc/clouddesktop/emulator/command_line.srcs
  cc/clouddesktop/emulator/internal/command_line.cc
)

# //cc/clouddesktop/emulator:emulator hdrs
set(cc/clouddesktop/emulator/emulator.hdrs
  cc/clouddesktop/emulator/emulator.h
  cc/clouddesktop/emulator/faults.h
  cc/clouddesktop/emulator/internal/api_endpoint_service.h
  cc/clouddesktop/emulator/internal/compute_catalog.h
  cc/clouddesktop/emulator/internal/connection_acceptor.h
  cc/clouddesktop/emulator/internal/desktop_group_service.h
  cc/clouddesktop/emulator/internal/desktop_image_service.h
  cc/clouddesktop/emulator/internal/desktop_service.h
  cc/clouddesktop/emulator/internal/errors.h
  cc/clouddesktop/emulator/internal/fault_injector.h
  cc/clouddesktop/emulator/internal/filter.h
  cc/clouddesktop/emulator/internal/iam_token_service.h
  cc/clouddesktop/emulator/internal/id_generator.h
  cc/clouddesktop/emulator/internal/jwt_verifier.h
  cc/clouddesktop/emulator/internal/listen_address.h
  cc/clouddesktop/emulator/internal/listing.h
  cc/clouddesktop/emulator/internal/operation_engine.h
  cc/clouddesktop/emulator/internal/operation_service.h
  cc/clouddesktop/emulator/internal/ordering.h
  cc/clouddesktop/emulator/internal/page_token.h
  cc/clouddesktop/emulator/internal/parse_failure_interceptor.h
  cc/clouddesktop/emulator/internal/resource_operations.h
  cc/clouddesktop/emulator/internal/rest_gateway.h
  cc/clouddesktop/emulator/internal/scheduler.h
  cc/clouddesktop/emulator/internal/service_env.h
  cc/clouddesktop/emulator/internal/store.h
  cc/clouddesktop/emulator/internal/token_registry.h
  cc/clouddesktop/emulator/internal/unary_call.h
  cc/clouddesktop/emulator/internal/update_mask.h
)

# //cc/clouddesktop/emulator:emulator srcs
set(cc/clouddesktop/emulator/emulator.srcs
  cc/clouddesktop/emulator/emulator.cc
  cc/clouddesktop/emulator/faults.cc
  cc/clouddesktop/emulator/internal/api_endpoint_service.cc
  cc/clouddesktop/emulator/internal/compute_catalog.cc
  cc/clouddesktop/emulator/internal/connection_acceptor.cc
  cc/clouddesktop/emulator/internal/desktop_group_service.cc
  cc/clouddesktop/emulator/internal/desktop_image_service.cc
  cc/clouddesktop/emulator/internal/desktop_service.cc
  cc/clouddesktop/emulator/internal/errors.cc
  cc/clouddesktop/emulator/internal/fault_injector.cc
  cc/clouddesktop/emulator/internal/filter.cc
  cc/clouddesktop/emulator/internal/iam_token_service.cc
  cc/clouddesktop/emulator/internal/id_generator.cc
  cc/clouddesktop/emulator/internal/jwt_verifier.cc
  cc/clouddesktop/emulator/internal/listen_address.cc
  cc/clouddesktop/emulator/internal/listing.cc
  cc/clouddesktop/emulator/internal/operation_engine.cc
  cc/clouddesktop/emulator/internal/operation_service.cc
  cc/clouddesktop/emulator/internal/ordering.cc
  cc/clouddesktop/emulator/internal/page_token.cc
  cc/clouddesktop/emulator/internal/parse_failure_interceptor.cc
  cc/clouddesktop/emulator/internal/resource_operations.cc
  cc/clouddesktop/emulator/internal/rest_gateway.cc
  cc/clouddesktop/emulator/internal/scheduler.cc
  cc/clouddesktop/emulator/internal/token_registry.cc
  cc/clouddesktop/emulator/internal/unary_call.cc
  cc/clouddesktop/emulator/internal/update_mask.cc
)

# //cc/clouddesktop/emulator:emulator_main srcs
set(cc/clouddesktop/emulator/emulator_main.srcs
  cc/clouddesktop/emulator/main.cc
)

# //cc/clouddesktop/emulator:health_proto srcs
set(cc/clouddesktop/emulator/health_proto.srcs
  cc/clouddesktop/emulator/proto/grpc/health/v1/health.proto
)

# //cc/clouddesktop/emulator:reflection_v1 hdrs
set(cc/clouddesktop/emulator/reflection_v1.hdrs
  cc/clouddesktop/emulator/reflection_v1.h
)

# //cc/clouddesktop/emulator:reflection_v1 srcs
set(cc/clouddesktop/emulator/reflection_v1.srcs
  cc/clouddesktop/emulator/reflection_v1.cc
)

# //cc/clouddesktop/emulator:reflection_v1_proto srcs
set(cc/clouddesktop/emulator/reflection_v1_proto.srcs
  cc/clouddesktop/emulator/proto/grpc/reflection/v1/reflection.proto
)

# //cc/clouddesktop:mocks hdrs
set(cc/clouddesktop/mocks.hdrs
  cc/clouddesktop/mocks/mock_desktop_connection.h
  cc/clouddesktop/mocks/mock_desktop_group_connection.h
  cc/clouddesktop/mocks/mock_desktop_image_connection.h
  cc/clouddesktop/mocks/mock_operation_connection.h
)

# //cc/clouddesktop:mutex hdrs
set(cc/clouddesktop/mutex.hdrs
  cc/clouddesktop/internal/mutex.h
)

# //cc/clouddesktop:rest_mapping hdrs
set(cc/clouddesktop/rest_mapping.hdrs
  cc/clouddesktop/internal/rest/http_binding.h
  cc/clouddesktop/internal/rest/json.h
  cc/clouddesktop/internal/rest/path_template.h
  cc/clouddesktop/internal/rest/request.h
  cc/clouddesktop/internal/rest/status.h
)

# //cc/clouddesktop:rest_mapping srcs
set(cc/clouddesktop/rest_mapping.srcs
  cc/clouddesktop/internal/rest/http_binding.cc
  cc/clouddesktop/internal/rest/json.cc
  cc/clouddesktop/internal/rest/path_template.cc
  cc/clouddesktop/internal/rest/request.cc
  cc/clouddesktop/internal/rest/status.cc
)

# //cc/clouddesktop:tsan hdrs
set(cc/clouddesktop/tsan.hdrs
  cc/clouddesktop/internal/tsan.h
)

# //cc/clouddesktop:validation hdrs
set(cc/clouddesktop/validation.hdrs
  cc/clouddesktop/internal/validation_plan.h
  cc/clouddesktop/internal/validation_rules.h
  cc/clouddesktop/validation.h
)

# //cc/clouddesktop:validation srcs
set(cc/clouddesktop/validation.srcs
  cc/clouddesktop/internal/validation_plan.cc
  cc/clouddesktop/internal/validation_rules.cc
  cc/clouddesktop/validation.cc
)

# //cc/clouddesktop:version hdrs
set(cc/clouddesktop/version.hdrs
  cc/clouddesktop/version.h
)

# //cc/sanitizers:suppressions srcs
set(cc/sanitizers/suppressions.srcs
  cc/sanitizers/suppressions.cc
)

# //examples:credentials srcs
set(examples/credentials.srcs
  examples/credentials.cc
)

# //examples:fan_out srcs
set(examples/fan_out.srcs
  examples/fan_out.cc
)

# //examples:quickstart srcs
set(examples/quickstart.srcs
  examples/quickstart.cc
)

# //examples:testing_test srcs
set(examples/testing_test.srcs
  examples/testing_test.cc
)

# every cc_grpc_library under //proto proto srcs
set(proto/api.grpc_protos
  proto/yandex/cloud/clouddesktop/v1/desktop_group_service.proto
  proto/yandex/cloud/clouddesktop/v1/desktop_image_service.proto
  proto/yandex/cloud/clouddesktop/v1/desktop_service.proto
  proto/yandex/cloud/endpoint/api_endpoint_service.proto
  proto/yandex/cloud/iam/v1/iam_token_service.proto
  proto/yandex/cloud/operation/operation_service.proto
)

# every proto_library under //proto srcs
set(proto/api.protos
  proto/yandex/cloud/access/access.proto
  proto/yandex/cloud/api/operation.proto
  proto/yandex/cloud/clouddesktop/v1/desktop.proto
  proto/yandex/cloud/clouddesktop/v1/desktop_group.proto
  proto/yandex/cloud/clouddesktop/v1/desktop_group_service.proto
  proto/yandex/cloud/clouddesktop/v1/desktop_image.proto
  proto/yandex/cloud/clouddesktop/v1/desktop_image_service.proto
  proto/yandex/cloud/clouddesktop/v1/desktop_service.proto
  proto/yandex/cloud/clouddesktop/v1/disk.proto
  proto/yandex/cloud/endpoint/api_endpoint.proto
  proto/yandex/cloud/endpoint/api_endpoint_service.proto
  proto/yandex/cloud/iam/v1/iam_token_service.proto
  proto/yandex/cloud/operation/operation.proto
  proto/yandex/cloud/operation/operation_service.proto
  proto/yandex/cloud/validation.proto
)

# //tests/cli:bad_input_test srcs
set(tests/cli/bad_input_test.srcs
  tests/cli/bad_input_test.cc
)

# //tests/cli:cli_test_util hdrs
set(tests/cli/cli_test_util.hdrs
  tests/cli/cli_test_util.h
)

# //tests/cli:cli_test_util srcs
set(tests/cli/cli_test_util.srcs
  tests/cli/cli_test_util.cc
)

# //tests/cli:cli_units_test srcs
set(tests/cli/cli_units_test.srcs
  tests/cli/cli_units_test.cc
)

# //tests/cli:commands_test srcs
set(tests/cli/commands_test.srcs
  tests/cli/commands_test.cc
)

# //tests/cli:curl_test srcs
set(tests/cli/curl_test.srcs
  tests/cli/curl_test.cc
)

# //tests/cli:demo_test srcs
set(tests/cli/demo_test.srcs
  tests/cli/demo_test.cc
)

# //tests/cli:emulator_command_test srcs
set(tests/cli/emulator_command_test.srcs
  tests/cli/emulator_command_test.cc
)

# //tests/cli:errors_test srcs
set(tests/cli/errors_test.srcs
  tests/cli/errors_test.cc
)

# //tests/cli:grpcurl_test srcs
set(tests/cli/grpcurl_test.srcs
  tests/cli/grpcurl_test.cc
)

# //tests/cli:interrupt_test srcs
set(tests/cli/interrupt_test.srcs
  tests/cli/interrupt_test.cc
)

# //tests/cli:tls_test srcs
set(tests/cli/tls_test.srcs
  tests/cli/tls_test.cc
)

# //tests/cli:yc_conventions_test srcs
set(tests/cli/yc_conventions_test.srcs
  tests/cli/yc_conventions_test.cc
)

# //tests/client:backpressure_test srcs
set(tests/client/backpressure_test.srcs
  tests/client/backpressure_test.cc
)

# //tests/client:emulator_test srcs
set(tests/client/emulator_test.srcs
  tests/client/emulator_test.cc
)

# //tests/client:error_info_test srcs
set(tests/client/error_info_test.srcs
  tests/client/error_info_test.cc
)

# //tests/client:executor_test srcs
set(tests/client/executor_test.srcs
  tests/client/executor_test.cc
)

# //tests/client:facade_test srcs
set(tests/client/facade_test.srcs
  tests/client/facade_test.cc
)

# //tests/client:fake_cloud hdrs
set(tests/client/fake_cloud.hdrs
  tests/client/fake_cloud.h
)

# //tests/client:fake_cloud srcs
set(tests/client/fake_cloud.srcs
  tests/client/fake_cloud.cc
)

# //tests/client:future_test srcs
set(tests/client/future_test.srcs
  tests/client/future_combinators_test.cc
  tests/client/future_test.cc
)

# //tests/client:lifecycle_test srcs
set(tests/client/lifecycle_test.srcs
  tests/client/lifecycle_test.cc
)

# //tests/client:log_test srcs
set(tests/client/log_test.srcs
  tests/client/log_test.cc
)

# //tests/client:message_size_test srcs
set(tests/client/message_size_test.srcs
  tests/client/message_size_test.cc
)

# //tests/client:mocks_test srcs
set(tests/client/mocks_test.srcs
  tests/client/mocks_test.cc
)

# //tests/client:name_resolver_test srcs
set(tests/client/name_resolver_test.srcs
  tests/client/name_resolver_test.cc
)

# //tests/client:policies_test srcs
set(tests/client/policies_test.srcs
  tests/client/policies_test.cc
)

# //tests/client:stub_test srcs
set(tests/client/stub_test.srcs
  tests/client/stub_test.cc
)

# //tests/client:transport_test srcs
set(tests/client/transport_test.srcs
  tests/client/transport_test.cc
)

# //tests/client:waiter_test srcs
set(tests/client/waiter_test.srcs
  tests/client/waiter_test.cc
)

# //tests/credentials:default_chain_test srcs
set(tests/credentials/default_chain_test.srcs
  tests/credentials/default_chain_test.cc
)

# //tests/credentials:fake_metadata_server hdrs
set(tests/credentials/fake_metadata_server.hdrs
  tests/credentials/fake_metadata_server.h
)

# //tests/credentials:fake_metadata_server srcs
set(tests/credentials/fake_metadata_server.srcs
  tests/credentials/fake_metadata_server.cc
)

# //tests/credentials:iam_exchange_test srcs
set(tests/credentials/iam_exchange_test.srcs
  tests/credentials/iam_exchange_test.cc
)

# //tests/credentials:iam_token_exchange_test srcs
set(tests/credentials/iam_token_exchange_test.srcs
  tests/credentials/iam_token_exchange_test.cc
)

# //tests/credentials:jwt_test srcs
set(tests/credentials/jwt_test.srcs
  tests/credentials/jwt_test.cc
)

# //tests/credentials:metadata_test srcs
set(tests/credentials/metadata_test.srcs
  tests/credentials/metadata_test.cc
)

# //tests/credentials:service_account_key_test srcs
set(tests/credentials/service_account_key_test.srcs
  tests/credentials/service_account_key_test.cc
)

# //tests/credentials:test_util hdrs
set(tests/credentials/test_util.hdrs
  tests/credentials/test_util.h
)

# //tests/credentials:test_util srcs
set(tests/credentials/test_util.srcs
  tests/credentials/test_util.cc
)

# //tests/credentials:token_refresher_test srcs
set(tests/credentials/token_refresher_test.srcs
  tests/credentials/token_refresher_test.cc
)

# //tests/emulator:auth_test srcs
set(tests/emulator/auth_test.srcs
  tests/emulator/auth_test.cc
)

# //tests/emulator:binary_test srcs
set(tests/emulator/binary_test.srcs
  tests/emulator/binary_test.cc
)

# //tests/emulator:call_test srcs
set(tests/emulator/call_test.srcs
  tests/emulator/call_test.cc
)

# //tests/emulator:command_line_test srcs
set(tests/emulator/command_line_test.srcs
  tests/emulator/command_line_test.cc
)

# //tests/emulator:desktop_group_service_test srcs
set(tests/emulator/desktop_group_service_test.srcs
  tests/emulator/desktop_group_service_test.cc
)

# //tests/emulator:desktop_image_service_test srcs
set(tests/emulator/desktop_image_service_test.srcs
  tests/emulator/desktop_image_service_test.cc
)

# //tests/emulator:desktop_service_test srcs
set(tests/emulator/desktop_service_test.srcs
  tests/emulator/desktop_service_test.cc
)

# //tests/emulator:fault_spec_test srcs
set(tests/emulator/fault_spec_test.srcs
  tests/emulator/fault_spec_test.cc
)

# //tests/emulator:faults_test srcs
set(tests/emulator/faults_test.srcs
  tests/emulator/faults_test.cc
)

# //tests/emulator:list_test srcs
set(tests/emulator/list_test.srcs
  tests/emulator/list_test.cc
)

# //tests/emulator:listen_test srcs
set(tests/emulator/listen_test.srcs
  tests/emulator/listen_test.cc
)

# //tests/emulator:listing_test srcs
set(tests/emulator/listing_test.srcs
  tests/emulator/listing_test.cc
)

# //tests/emulator:operation_service_test srcs
set(tests/emulator/operation_service_test.srcs
  tests/emulator/operation_service_test.cc
)

# //tests/emulator:reflection_proto srcs
set(tests/emulator/reflection_proto.srcs
  tests/emulator/reflection/grpc/reflection/v1alpha/reflection.proto
)

# //tests/emulator:reflection_test srcs
set(tests/emulator/reflection_test.srcs
  tests/emulator/reflection_test.cc
)

# //tests/emulator:scale_test srcs
set(tests/emulator/scale_test.srcs
  tests/emulator/scale_test.cc
)

# //tests/emulator:scheduler_test srcs
set(tests/emulator/scheduler_test.srcs
  tests/emulator/scheduler_test.cc
)

# //tests/emulator:test_util hdrs
set(tests/emulator/test_util.hdrs
  tests/emulator/test_util.h
)

# //tests/emulator:test_util srcs
set(tests/emulator/test_util.srcs
  tests/emulator/test_util.cc
)

# //tests/emulator:tls_test srcs
set(tests/emulator/tls_test.srcs
  tests/emulator/tls_test.cc
)

# //tests/fuzz:cli_flags_fuzzer srcs
set(tests/fuzz/cli_flags_fuzzer.srcs
  tests/fuzz/cli_flags_fuzzer.cc
)

# //tests/fuzz:cli_flags_fuzzer_replay srcs
set(tests/fuzz/cli_flags_fuzzer_replay.srcs
  tests/fuzz/cli_flags_fuzzer.cc
)

# //tests/fuzz:filter_fuzzer srcs
set(tests/fuzz/filter_fuzzer.srcs
  tests/fuzz/filter_fuzzer.cc
)

# //tests/fuzz:filter_fuzzer_replay srcs
set(tests/fuzz/filter_fuzzer_replay.srcs
  tests/fuzz/filter_fuzzer.cc
)

# //tests/fuzz:fuzz_check hdrs
set(tests/fuzz/fuzz_check.hdrs
  tests/fuzz/fuzz_check.h
)

# //tests/fuzz:metadata_token_fuzzer srcs
set(tests/fuzz/metadata_token_fuzzer.srcs
  tests/fuzz/metadata_token_fuzzer.cc
)

# //tests/fuzz:metadata_token_fuzzer_replay srcs
set(tests/fuzz/metadata_token_fuzzer_replay.srcs
  tests/fuzz/metadata_token_fuzzer.cc
)

# //tests/fuzz:operation_fuzzer srcs
set(tests/fuzz/operation_fuzzer.srcs
  tests/fuzz/operation_fuzzer.cc
)

# //tests/fuzz:operation_fuzzer_replay srcs
set(tests/fuzz/operation_fuzzer_replay.srcs
  tests/fuzz/operation_fuzzer.cc
)

# //tests/fuzz:page_token_fuzzer srcs
set(tests/fuzz/page_token_fuzzer.srcs
  tests/fuzz/page_token_fuzzer.cc
)

# //tests/fuzz:page_token_fuzzer_replay srcs
set(tests/fuzz/page_token_fuzzer_replay.srcs
  tests/fuzz/page_token_fuzzer.cc
)

# //tests/fuzz:replay_main srcs
set(tests/fuzz/replay_main.srcs
  tests/fuzz/replay_main.cc
)

# //tests/fuzz:service_account_key_fuzzer srcs
set(tests/fuzz/service_account_key_fuzzer.srcs
  tests/fuzz/service_account_key_fuzzer.cc
)

# //tests/fuzz:service_account_key_fuzzer_replay srcs
set(tests/fuzz/service_account_key_fuzzer_replay.srcs
  tests/fuzz/service_account_key_fuzzer.cc
)

# //tests/fuzz:validation_fuzzer srcs
set(tests/fuzz/validation_fuzzer.srcs
  tests/fuzz/validation_fuzzer.cc
)

# //tests/fuzz:validation_fuzzer_replay srcs
set(tests/fuzz/validation_fuzzer_replay.srcs
  tests/fuzz/validation_fuzzer.cc
)

# //tests/rest:curl_http_client_test srcs
set(tests/rest/curl_http_client_test.srcs
  tests/rest/curl_http_client_test.cc
)

# //tests/rest:emulator_rest_test srcs
set(tests/rest/emulator_rest_test.srcs
  tests/rest/emulator_rest_test.cc
)

# //tests/rest:rest_connection_test srcs
set(tests/rest/rest_connection_test.srcs
  tests/rest/rest_connection_test.cc
)

# //tests/rest:rest_mapping_test srcs
set(tests/rest/rest_mapping_test.srcs
  tests/rest/rest_mapping_test.cc
)

# //tests/rest:rest_transport_test srcs
set(tests/rest/rest_transport_test.srcs
  tests/rest/rest_transport_test.cc
)

# //tests/roundtrip:generated_stubs_test srcs
set(tests/roundtrip/generated_stubs_test.srcs
  tests/roundtrip/generated_stubs_test.cc
)

# //tests/soak:soak_test srcs
set(tests/soak/soak_test.srcs
  tests/soak/soak_test.cc
)

# //tests/testing_util:allocation_counter hdrs
set(tests/testing_util/allocation_counter.hdrs
  tests/testing_util/allocation_counter.h
)

# //tests/testing_util:allocation_counter srcs
set(tests/testing_util/allocation_counter.srcs
  tests/testing_util/allocation_counter.cc
)

# //tests/testing_util:await_token hdrs
set(tests/testing_util/await_token.hdrs
  tests/testing_util/await_token.h
)

# //tests/testing_util:crypto hdrs
set(tests/testing_util/crypto.hdrs
  tests/testing_util/crypto.h
)

# //tests/testing_util:crypto srcs
set(tests/testing_util/crypto.srcs
  tests/testing_util/crypto.cc
)

# //tests/testing_util:notification hdrs
set(tests/testing_util/notification.hdrs
  tests/testing_util/notification.h
)

# //tests/testing_util:recording_log_sink hdrs
set(tests/testing_util/recording_log_sink.hdrs
  tests/testing_util/recording_log_sink.h
)

# //tests/testing_util:subprocess hdrs
set(tests/testing_util/subprocess.hdrs
  tests/testing_util/subprocess.h
)

# //tests/testing_util:subprocess srcs
set(tests/testing_util/subprocess.srcs
  tests/testing_util/subprocess.cc
)

# //tests/testing_util:temp_file hdrs
set(tests/testing_util/temp_file.hdrs
  tests/testing_util/temp_file.h
)

# //tests/testing_util:temp_file srcs
set(tests/testing_util/temp_file.srcs
  tests/testing_util/temp_file.cc
)

# //tests/thread_safety:correct hdrs
set(tests/thread_safety/correct.hdrs
  tests/thread_safety/counter.h
)

# //tests/thread_safety:correct srcs
set(tests/thread_safety/correct.srcs
  tests/thread_safety/correct.cc
)

# //tests/thread_safety:locked_helper_without_lock hdrs
set(tests/thread_safety/locked_helper_without_lock.hdrs
  tests/thread_safety/counter.h
)

# //tests/thread_safety:locked_helper_without_lock srcs
set(tests/thread_safety/locked_helper_without_lock.srcs
  tests/thread_safety/locked_helper_without_lock.cc
)

# //tests/thread_safety:unguarded_read hdrs
set(tests/thread_safety/unguarded_read.hdrs
  tests/thread_safety/counter.h
)

# //tests/thread_safety:unguarded_read srcs
set(tests/thread_safety/unguarded_read.srcs
  tests/thread_safety/unguarded_read.cc
)

# //tests/thread_safety:wait_without_lock hdrs
set(tests/thread_safety/wait_without_lock.hdrs
  tests/thread_safety/counter.h
)

# //tests/thread_safety:wait_without_lock srcs
set(tests/thread_safety/wait_without_lock.srcs
  tests/thread_safety/wait_without_lock.cc
)

# //tests/thread_safety:write_after_release hdrs
set(tests/thread_safety/write_after_release.hdrs
  tests/thread_safety/counter.h
)

# //tests/thread_safety:write_after_release srcs
set(tests/thread_safety/write_after_release.srcs
  tests/thread_safety/write_after_release.cc
)

# //tests/validation:validation_rules_test srcs
set(tests/validation/validation_rules_test.srcs
  tests/validation/validation_rules_test.cc
)

# //tests/validation:validation_table_test srcs
set(tests/validation/validation_table_test.srcs
  tests/validation/validation_table_test.cc
)

# //tests/validation:validation_test srcs
set(tests/validation/validation_test.srcs
  tests/validation/validation_test.cc
)

# //tests/validation:vtestgen_proto srcs
set(tests/validation/vtestgen_proto.srcs
  tests/validation/proto/vtestgen/types.proto
)

# //tests/wire:descriptor_set_test srcs
set(tests/wire/descriptor_set_test.srcs
  tests/wire/descriptor_set_test.cc
)

# //tests/wire:wire_mutation_test srcs
set(tests/wire/wire_mutation_test.srcs
  tests/wire/wire_mutation_test.cc
)

# //tests/wire:wire_tables hdrs
set(tests/wire/wire_tables.hdrs
  tests/wire/wire_tables.h
)

# //tests/wire:wire_tables srcs
set(tests/wire/wire_tables.srcs
  tests/wire/wire_tables.cc
)

# //tests/wire:wire_test srcs
set(tests/wire/wire_test.srcs
  tests/wire/wire_test.cc
)

# Every Bazel target above: each needs a CMake target.
set(CLOUDDESKTOP_BAZEL_TARGETS
  bench/facade_bench
  bench/fanout_bench
  bench/loopback_get
  bench/rest_bench
  bench/validation_bench
  cc/clouddesktop/cli/cli_lib
  cc/clouddesktop/cli/clouddesktop
  cc/clouddesktop/client
  cc/clouddesktop/credentials/credentials
  cc/clouddesktop/curl_http_client
  cc/clouddesktop/emulator/command_line
  cc/clouddesktop/emulator/emulator
  cc/clouddesktop/emulator/emulator_main
  cc/clouddesktop/emulator/health_proto
  cc/clouddesktop/emulator/reflection_v1
  cc/clouddesktop/emulator/reflection_v1_proto
  cc/clouddesktop/mocks
  cc/clouddesktop/mutex
  cc/clouddesktop/rest_mapping
  cc/clouddesktop/tsan
  cc/clouddesktop/validation
  cc/clouddesktop/version
  cc/sanitizers/suppressions
  examples/credentials
  examples/fan_out
  examples/quickstart
  examples/testing_test
  proto/api
  tests/cli/bad_input_test
  tests/cli/cli_test_util
  tests/cli/cli_units_test
  tests/cli/commands_test
  tests/cli/curl_test
  tests/cli/demo_test
  tests/cli/emulator_command_test
  tests/cli/errors_test
  tests/cli/grpcurl_test
  tests/cli/interrupt_test
  tests/cli/tls_test
  tests/cli/yc_conventions_test
  tests/client/backpressure_test
  tests/client/emulator_test
  tests/client/error_info_test
  tests/client/executor_test
  tests/client/facade_test
  tests/client/fake_cloud
  tests/client/future_test
  tests/client/lifecycle_test
  tests/client/log_test
  tests/client/message_size_test
  tests/client/mocks_test
  tests/client/name_resolver_test
  tests/client/policies_test
  tests/client/stub_test
  tests/client/transport_test
  tests/client/waiter_test
  tests/credentials/default_chain_test
  tests/credentials/fake_metadata_server
  tests/credentials/iam_exchange_test
  tests/credentials/iam_token_exchange_test
  tests/credentials/jwt_test
  tests/credentials/metadata_test
  tests/credentials/service_account_key_test
  tests/credentials/test_util
  tests/credentials/token_refresher_test
  tests/emulator/auth_test
  tests/emulator/binary_test
  tests/emulator/call_test
  tests/emulator/command_line_test
  tests/emulator/desktop_group_service_test
  tests/emulator/desktop_image_service_test
  tests/emulator/desktop_service_test
  tests/emulator/fault_spec_test
  tests/emulator/faults_test
  tests/emulator/list_test
  tests/emulator/listen_test
  tests/emulator/listing_test
  tests/emulator/operation_service_test
  tests/emulator/reflection_proto
  tests/emulator/reflection_test
  tests/emulator/scale_test
  tests/emulator/scheduler_test
  tests/emulator/test_util
  tests/emulator/tls_test
  tests/fuzz/cli_flags_fuzzer
  tests/fuzz/cli_flags_fuzzer_replay
  tests/fuzz/filter_fuzzer
  tests/fuzz/filter_fuzzer_replay
  tests/fuzz/fuzz_check
  tests/fuzz/metadata_token_fuzzer
  tests/fuzz/metadata_token_fuzzer_replay
  tests/fuzz/operation_fuzzer
  tests/fuzz/operation_fuzzer_replay
  tests/fuzz/page_token_fuzzer
  tests/fuzz/page_token_fuzzer_replay
  tests/fuzz/replay_main
  tests/fuzz/service_account_key_fuzzer
  tests/fuzz/service_account_key_fuzzer_replay
  tests/fuzz/validation_fuzzer
  tests/fuzz/validation_fuzzer_replay
  tests/rest/curl_http_client_test
  tests/rest/emulator_rest_test
  tests/rest/rest_connection_test
  tests/rest/rest_mapping_test
  tests/rest/rest_transport_test
  tests/roundtrip/generated_stubs_test
  tests/soak/soak_test
  tests/testing_util/allocation_counter
  tests/testing_util/await_token
  tests/testing_util/crypto
  tests/testing_util/notification
  tests/testing_util/recording_log_sink
  tests/testing_util/subprocess
  tests/testing_util/temp_file
  tests/thread_safety/correct
  tests/thread_safety/locked_helper_without_lock
  tests/thread_safety/unguarded_read
  tests/thread_safety/wait_without_lock
  tests/thread_safety/write_after_release
  tests/validation/validation_rules_test
  tests/validation/validation_table_test
  tests/validation/validation_test
  tests/validation/vtestgen_proto
  tests/wire/descriptor_set_test
  tests/wire/wire_mutation_test
  tests/wire/wire_tables
  tests/wire/wire_test
)
