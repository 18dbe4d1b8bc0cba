// An in-memory emulator of the Yandex Cloud Desktop API, served over gRPC on
// a local port: DesktopImageService, DesktopService, DesktopGroupService,
// OperationService, IamTokenService and ApiEndpointService, plus the gRPC
// health service and server reflection (grpcurl / grpc_cli work against it).
//
// Use it in-process from tests and benchmarks:
//
//   emulator::EmulatorOptions options;
//   options.operation_delay = absl::Milliseconds(50);
//   auto emu = emulator::Emulator::Start(options);
//   if (!emu.ok()) ...;
//   auto channel = grpc::CreateChannel((*emu)->address(),
//                                      grpc::InsecureChannelCredentials());
//
// or as the standalone `emulator_main` binary (`bazel run //:emulator --
// --listen 127.0.0.1:50051`).
//
// What it does like the real service (README's emulator table gives the
// source of every rule, or marks it an emulator assumption):
//  - Resources get ids of 20 characters (a 3-character kind prefix and
//    random lowercase letters and digits), folder_id, created_at, status.
//  - Mutating calls validate the request with the (yandex.cloud.*) options
//    of the .proto files, return an Operation at once (done = false, the
//    method's metadata type set) and finish it after `operation_delay` with
//    the method's response type (google.protobuf.Empty for Delete, group
//    Update and access bindings), moving the resource through its statuses:
//    Create CREATING -> ACTIVE, Delete DELETING -> gone, Stop STOPPING ->
//    STOPPED, Start STARTING -> ACTIVE, Restart RESTARTING -> ACTIVE,
//    Update/UpdateProperties UPDATING -> the status before.
//  - DesktopImageService.Copy copies a Compute Cloud image (see
//    `compute_images`); CopyFromDesktop needs a STOPPED desktop.
//  - An `op_error` fault fails the operation: a desktop is left
//    CREATION_FAILED (Create, Update) or ERROR (Start, Restart), anything
//    else returns to its previous status; a `health_check` fault makes a
//    desktop being brought up HEALTH_CHECK before ACTIVE. A cancelled
//    operation (OperationService.Cancel) rolls back: a created resource
//    disappears, pending changes are not applied.
//  - Errors: NOT_FOUND for unknown ids, INVALID_ARGUMENT naming the field
//    (gRPC binary details hold a google.rpc.Status with a
//    google.rpc.BadRequest), FAILED_PRECONDITION for a call on a resource
//    with an operation running or in the wrong status (Start on ACTIVE),
//    ALREADY_EXISTS for a second desktop group with the same non-empty name
//    in a folder, UNAUTHENTICATED when tokens are required and the call has
//    no valid `authorization: Bearer <token>`.
//  - Every response carries `x-request-id` (a UUID) and `x-server-trace-id`
//    initial metadata and echoes the client's `x-client-request-id` and
//    `x-client-trace-id`; responses that carry an Operation also carry
//    `x-operation-poll-interval` (seconds, as the service sends it;
//    with a decimal fraction when below a whole second) when
//    `poll_interval_hint` is set.
//  - Mutating calls honour `idempotency-key`, which must be a UUID
//    (INVALID_ARGUMENT naming `idempotency-key` otherwise): a known key
//    returns the operation it started, in its current state, and changes
//    nothing. Keys are kept for the emulator's lifetime; ResetPassword and
//    OperationService.Cancel ignore them.
//  - Lists page with page_size (default 100, max 1000) and an opaque
//    page_token bound to the query (a token from another query, or a forged
//    one, is INVALID_ARGUMENT); `filter` is one condition on `name`:
//    `name = "v"`, `name != "v"`, `name IN ("a", "b")`, `name NOT IN (...)`;
//    `order_by` takes name, created_at, status (status sorts in life-cycle
//    order), each optionally followed by asc or desc, separated by commas.
//    Default order: created_at, then id; operations newest first.
//  - Updates: an update_mask changes the fields it names; an empty one sets
//    every updatable field from the request, resetting those it leaves
//    unset. Every group has exactly one update policy (manual at Create).
//
// What it simplifies: folders exist implicitly (any folder id works); the
// default folder holds `seed_images`; IamTokenService.Create accepts any
// non-empty yandex_passport_oauth_token (subject "passport-user") and
// CreateForServiceAccount issues a token for any service account id;
// Revoke of an unknown token succeeds with an empty subject_id.

#ifndef CLOUDDESKTOP_EMULATOR_EMULATOR_H_
#define CLOUDDESKTOP_EMULATOR_EMULATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/emulator/faults.h"

namespace grpc {
class Service;
}  // namespace grpc

namespace clouddesktop::emulator {

// A ready (ACTIVE) image present from the start, so that groups can be
// created and images copied without any setup.
struct SeedImage {
  std::string id;             // the image's id
  std::string folder_id;      // the folder it is listed in
  std::string name;           // DesktopImage.name
  std::string description;    // DesktopImage.description
  int64_t storage_size = 0;   // bytes
  int64_t min_disk_size = 0;  // bytes
};

// The folder that holds the default seed images.
inline constexpr absl::string_view kDefaultFolderId = "emulator-folder";

// Two ready images in kDefaultFolderId: "img-ubuntu-22-04" and
// "img-windows-11".
std::vector<SeedImage> DefaultSeedImages();

// A Compute Cloud image, the source of DesktopImageService.Copy. The copy
// takes its sizes.
struct ComputeImage {
  std::string id;                             // the Compute Cloud image id
  int64_t storage_size = int64_t{4} << 30;    // bytes
  int64_t min_disk_size = int64_t{20} << 30;  // bytes
};

// A service account's public key for IamTokenService.Create with a JWT.
struct ServiceAccountKey {
  std::string service_account_id;  // the JWT's `iss`
  std::string key_id;              // the JWT's `kid`
  std::string public_key_pem;      // "-----BEGIN PUBLIC KEY-----" (RSA)
};

// How to start an emulator. A plain value type.
struct EmulatorOptions {
  // host:port to listen on; port 0 picks a free port (see address()).
  // `localhost:PORT` listens on 127.0.0.1 and [::1] (where the machine has
  // it) on one port. A port in use fails Start with UNAVAILABLE "... address
  // in use".
  std::string listen_address = "127.0.0.1:0";
  // host:port of the REST API (HTTP/1.1, JSON, the `google.api.http`
  // bindings of the .proto files) over the same store, operations, faults,
  // token checks and TLS as the gRPC port; port 0 picks a free port (see
  // http_address()). Empty (the default): no REST. A host that resolves to
  // several addresses (localhost) listens on the first that binds.
  std::string http_listen_address;
  // TLS: PEM files of the server certificate (chain) and its private key,
  // for the gRPC port and the REST port alike. Both empty: plaintext. One
  // without the other: Start fails.
  std::string tls_cert_file;
  std::string tls_key_file;
  // How long an operation runs before it completes.
  absl::Duration operation_delay = absl::Milliseconds(200);
  // Whether every call except IamTokenService, ApiEndpointService, health
  // and reflection needs `authorization: Bearer <token>` with a token this
  // emulator issued (IamTokenService or IssueTokenForTesting).
  bool require_token = false;
  // Sent as `x-operation-poll-interval` (seconds) on Operation responses;
  // zero: not sent.
  absl::Duration poll_interval_hint = absl::ZeroDuration();
  // Faults to inject from the start (see faults.h).
  FaultSpec faults;
  // Seed of the random draws of fault injection; 0 draws a random seed.
  uint64_t fault_seed = 0;
  // Images present from the start.
  std::vector<SeedImage> seed_images = DefaultSeedImages();
  // The Compute Cloud images DesktopImageService.Copy copies from. Empty
  // (the default): any id of 20 lowercase Latin letters and digits (e.g.
  // "fd8a1b2c3d4e5f6g7h8i") names an image with ComputeImage's default
  // sizes, except the ids of the emulator's own resources; other ids are
  // NOT_FOUND. Non-empty: exactly these images exist.
  std::vector<ComputeImage> compute_images;
  // Keys accepted for JWT exchange; more can be added with
  // Emulator::RegisterServiceAccountKey.
  std::vector<ServiceAccountKey> service_account_keys;
  // The address ApiEndpointService reports for every service; empty: the
  // bound address, with a wildcard host (0.0.0.0, ::) replaced by localhost.
  std::string advertised_address;
  // Lifetime of issued IAM tokens.
  absl::Duration token_lifetime = absl::Hours(12);
  // More services to serve beside the emulator's own (the binaries add
  // grpc.reflection.v1). Not owned: they must outlive the emulator.
  std::vector<grpc::Service*> extra_services;
};

// Full names of the API services every emulator serves.
std::vector<std::string> ApiServiceNames();

// A running emulator.
//
// Thread safety: every method may be called from any thread, concurrently.
// Cost: the server runs on gRPC's callback API: no thread per call; injected
// latency and operation completion are timers on one scheduler thread, so
// tens of thousands of operations may be in flight. All state sits behind
// one mutex; each call holds it for a few microseconds.
//
// Process-wide side effects of Start: enables gRPC's default health service
// and registers the server reflection plugin for every ServerBuilder built
// afterwards in this process (gRPC offers both only as global switches).
class Emulator {
 public:
  // Binds, starts serving and returns once the port accepts connections.
  // Fails with INVALID_ARGUMENT for bad options (unparsable address, half a
  // TLS pair, bad seed or key), NOT_FOUND for unreadable TLS files,
  // UNAVAILABLE if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Emulator>> Start(
      EmulatorOptions options);

  // Calls Shutdown().
  ~Emulator();

  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  // host:port actually bound, e.g. "127.0.0.1:41234" (the host as given in
  // listen_address, the port as chosen by the system).
  std::string address() const;

  // host:port of the REST API, e.g. "127.0.0.1:41235"; empty when
  // EmulatorOptions::http_listen_address was.
  std::string http_address() const;

  // Stops serving: calls waiting on injected latency finish at once with
  // UNAVAILABLE, running operations stop (they never complete), the
  // scheduler thread is joined and the port closed. Idempotent; blocks for
  // at most about a second.
  void Shutdown();

  // --- Test hooks. ---

  // Accepts JWTs signed with `public_key_pem`'s private key whose header
  // names `key_id` and whose `iss` is `service_account_id`. Returns
  // INVALID_ARGUMENT if the PEM is not an RSA public key.
  absl::Status RegisterServiceAccountKey(absl::string_view service_account_id,
                                         absl::string_view key_id,
                                         absl::string_view public_key_pem);

  // Replaces the faults for calls that start from now on.
  void SetFaults(FaultSpec faults);

  // Changes the delay of operations started from now on.
  void SetOperationDelay(absl::Duration delay);

  // Issues a token (valid for token_lifetime) that require_token accepts,
  // for `subject` (shown as Operation.created_by).
  std::string IssueTokenForTesting(absl::string_view subject = "test-user");

 private:
  struct State;
  explicit Emulator(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace clouddesktop::emulator

#endif  // CLOUDDESKTOP_EMULATOR_EMULATOR_H_
