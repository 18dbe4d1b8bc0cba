// Keys, certificates and JWTs made at test run time with OpenSSL, so that no
// private key is ever checked in. Any OpenSSL failure aborts with its name.

#ifndef TESTS_TESTING_UTIL_CRYPTO_H_
#define TESTS_TESTING_UTIL_CRYPTO_H_

#include <openssl/evp.h>

#include <memory>
#include <string>

#include "absl/strings/string_view.h"

namespace testing_util {

using KeyPtr = std::shared_ptr<EVP_PKEY>;

// A fresh RSA key of `bits`.
KeyPtr NewRsaKey(int bits = 2048);
// One 2048-bit RSA key made on first use and shared by the tests of a
// binary (key generation is slow under the sanitizers).
KeyPtr SharedRsaKey();
// A fresh P-256 key.
KeyPtr NewEcKey();

std::string PrivateKeyPem(EVP_PKEY* key);  // PKCS#8 "BEGIN PRIVATE KEY"
std::string PublicKeyPem(EVP_PKEY* key);   // "BEGIN PUBLIC KEY"

// The base64 body of a PEM, without the BEGIN/END lines and newlines: what
// must never show up in an error.
std::string PemBody(absl::string_view pem);

// A self-signed certificate for CN=localhost with SANs DNS:localhost and
// IP:127.0.0.1, valid for a day, signed by `key`.
std::string SelfSignedCertificatePem(EVP_PKEY* key);

// header.claims.signature with PS256 (RSASSA-PSS, SHA-256, salt 32) over the
// given JSON texts.
std::string SignJwt(EVP_PKEY* key, const std::string& header_json,
                    const std::string& claims_json);

}  // namespace testing_util

#endif  // TESTS_TESTING_UTIL_CRYPTO_H_
