// Where IAM tokens come from: a fixed token, a service account's authorized
// key, the compute metadata service, an OAuth token, or the default chain
// that picks one of these from the environment. Every factory returns an
// AuthProvider for ConnectionOptions::auth.
//
//   clouddesktop::CredentialsOptions copts;
//   auto auth = clouddesktop::MakeServiceAccountKeyAuth("key.json", copts);
//   if (!auth.ok()) return auth.status();
//   clouddesktop::ConnectionOptions options;
//   options.auth = *auth;
//
// Refreshing providers (every one except MakeIamTokenAuth) cache the token
// and refresh it ahead of its expiry, on demand: the first GetToken inside
// the refresh window (see RefreshPolicy) starts one refresh in the
// background and is answered at once with the cached token; callers
// arriving during the refresh share it. No timer fires while the provider
// is idle, so a provider unused past its token's expiry fetches a new token
// on its next use (the call waits for it, no thread blocks). A failed
// refresh keeps serving the cached token while it is valid and is retried
// with backoff. Their AuthProvider::OnUnauthenticated (called by the call
// path when the server answers UNAUTHENTICATED) drops the rejected token if
// it is still the cached one and starts one refresh at once, bypassing the
// backoff; reports about a token already replaced do nothing, so N calls
// rejected together cause one refresh.
//
// Thread safety: every provider may be used from any thread concurrently;
// GetToken never blocks (it returns a ready future when a token is cached).
// Cost: a refreshing provider owns one background thread, on which its
// fetches start (a JWT is signed there) and from which waiting futures are
// completed; continuations attached with Future::Then run there too and
// must not block. The fetch itself is an asynchronous call of the
// library's retry loop, whose one-thread executor the provider also owns:
// a gRPC call for the exchanges, an HTTP GET on a libcurl event thread of
// its own for the metadata service. Destroying a provider cancels its fetch in
// flight (an HTTP transfer or backoff wait is woken up, an RPC is TryCancel'ed)
// and joins the thread; waiting futures complete with CANCELLED.
//
// Secrets (IAM and OAuth tokens, private keys, JWTs) never appear in
// errors, warnings or logs.

#ifndef CLOUDDESKTOP_CREDENTIALS_CREDENTIALS_H_
#define CLOUDDESKTOP_CREDENTIALS_CREDENTIALS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clouddesktop/auth_provider.h"
#include "clouddesktop/credentials/clock.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// IamTokenService of the public cloud (CredentialsOptions::iam_endpoint).
inline constexpr char kDefaultIamEndpoint[] = "iam.api.cloud.yandex.net:443";
// The compute metadata service of a VM (CredentialsOptions::metadata_address).
inline constexpr char kDefaultMetadataAddress[] = "169.254.169.254";

// Environment variables of the default chain.
inline constexpr char kIamTokenEnvVar[] = "YC_IAM_TOKEN";
inline constexpr char kServiceAccountKeyFileEnvVar[] =
    "YC_SERVICE_ACCOUNT_KEY_FILE";
inline constexpr char kOAuthTokenEnvVar[] = "YC_TOKEN";
inline constexpr char kMetadataAddressEnvVar[] = "YC_METADATA_ADDR";

// When a cached token is refreshed and how failed refreshes are retried.
// For a token of lifetime L (from its fetch to its expiry):
//  - a refresh starts once max(refresh_fraction * L, refresh_margin) of the
//    lifetime remains (the 10% or the 5 minutes, whichever comes first),
//    but never before half of L has passed;
//  - the token is served until min(expiry_skew, L / 10) before it expires
//    (the call must reach the server in time; clocks differ);
//  - after the n-th failed refresh in a row, the next one starts no sooner
//    than min(initial_backoff * 2^(n-1), max_backoff) later. While there is
//    no valid token to serve, GetToken in that interval fails at once with
//    the last error (a code the call path retries when it is transient).
struct RefreshPolicy {
  // The parameters above, with their defaults.
  double refresh_fraction = 0.1;
  absl::Duration refresh_margin = absl::Minutes(5);
  absl::Duration expiry_skew = absl::Seconds(30);
  absl::Duration initial_backoff = absl::Seconds(1);
  absl::Duration max_backoff = absl::Minutes(1);
};

// Receives warnings (a world-readable key file, OAuth deprecation, a failed
// refresh while the cached token is still served). Called from the thread
// that creates the provider or from the provider's own thread; must be
// thread-safe and must not block. Never given a secret.
using WarningSink = std::function<void(absl::string_view message)>;

// Options of the factories. A plain value; every field has a working
// default.
struct CredentialsOptions {
  // IamTokenService (service-account key and OAuth exchanges). Its calls
  // carry no authorization header.
  std::string iam_endpoint = kDefaultIamEndpoint;
  // Plaintext, no TLS: only for emulators and tests.
  bool iam_insecure = false;
  // PEM roots to trust instead of the system's.
  std::string iam_ca_pem;
  // Deadline of each IamTokenService.Create call.
  absl::Duration iam_timeout = absl::Seconds(15);

  // host[:port] of the compute metadata service. Empty: $YC_METADATA_ADDR,
  // else kDefaultMetadataAddress.
  std::string metadata_address;
  // Per HTTP attempt: connecting, and the whole request.
  absl::Duration metadata_connect_timeout = absl::Milliseconds(500);
  absl::Duration metadata_timeout = absl::Seconds(3);
  // Attempts per fetch (connection failures, timeouts, HTTP 429 and 5xx are
  // retried), the first retry after metadata_initial_backoff, doubling.
  int metadata_attempts = 3;
  absl::Duration metadata_initial_backoff = absl::Milliseconds(100);

  // When tokens are refreshed (see RefreshPolicy).
  RefreshPolicy refresh;
  // Null: SystemClock().
  std::shared_ptr<const Clock> clock;
  // Null: warnings go to stderr, one line each.
  WarningSink warning_sink;
};

// A fixed IAM token (obtained elsewhere; it is never refreshed). Leading and
// trailing whitespace is dropped (as in `$(yc iam create-token)`).
// INVALID_ARGUMENT if the token is empty or holds whitespace or control
// characters. Cost: a ready future per GetToken; no thread.
absl::StatusOr<std::shared_ptr<AuthProvider>> MakeIamTokenAuth(
    absl::string_view iam_token);

// A service account's authorized key, the JSON file `yc iam key create`
// writes (fields id, service_account_id, private_key; created_at,
// key_algorithm and public_key are checked when present). Each refresh
// signs a PS256 JWT with the key and exchanges it with
// IamTokenService.Create. Errors (INVALID_ARGUMENT, NOT_FOUND,
// PERMISSION_DENIED) name the file and the problem. A key file readable by
// group or others gets a warning. Reads the file; no network I/O.
absl::StatusOr<std::shared_ptr<AuthProvider>> MakeServiceAccountKeyAuth(
    absl::string_view key_file_path, CredentialsOptions options = {});

// The same with the key file's contents; `source_name` stands for the file
// in errors.
absl::StatusOr<std::shared_ptr<AuthProvider>> MakeServiceAccountKeyAuthFromJson(
    absl::string_view key_json, CredentialsOptions options = {},
    absl::string_view source_name = "service-account key JSON");

// The token of the service account attached to the VM, from the compute
// metadata service (GET http://<address>/computeMetadata/v1/instance/
// service-accounts/default/token with `Metadata-Flavor: Google`).
// INVALID_ARGUMENT for a malformed address. No network I/O here: the first
// GetToken fetches.
absl::StatusOr<std::shared_ptr<AuthProvider>> MakeMetadataServiceAuth(
    CredentialsOptions options = {});

// A Yandex account's OAuth token, exchanged with IamTokenService.Create.
// Deprecated by the service: the first call in the process writes a warning
// (to options.warning_sink or stderr). INVALID_ARGUMENT for an empty token.
absl::StatusOr<std::shared_ptr<AuthProvider>> MakeOAuthTokenAuth(
    absl::string_view oauth_token, CredentialsOptions options = {});

// The default chain, first match wins:
//   1. `explicit_provider`, when not null;
//   2. $YC_IAM_TOKEN (MakeIamTokenAuth);
//   3. $YC_SERVICE_ACCOUNT_KEY_FILE (MakeServiceAccountKeyAuth);
//   4. $YC_TOKEN (MakeOAuthTokenAuth);
//   5. the compute metadata service (MakeMetadataServiceAuth), used only if
//      it answers a first token request (the token is kept).
// A variable that is set but empty counts as unset. A variable that is set
// but unusable (a bad key file) is that provider's error, naming the
// variable: the chain does not silently fall through a misconfiguration.
// When nothing is found: NOT_FOUND listing, in order, what was tried and
// why it did not apply (never a secret value).
// Blocks while it asks the metadata service (at most about
// metadata_attempts * metadata_timeout): call it at start-up, not from a
// callback.
absl::StatusOr<std::shared_ptr<AuthProvider>> MakeDefaultAuth(
    std::shared_ptr<AuthProvider> explicit_provider,
    CredentialsOptions options = {});
absl::StatusOr<std::shared_ptr<AuthProvider>> MakeDefaultAuth(
    CredentialsOptions options = {});

CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_CREDENTIALS_CREDENTIALS_H_
