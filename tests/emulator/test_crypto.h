// Keys, certificates and JWTs made at test run time with OpenSSL, so that no
// private key is ever checked in.

#ifndef TESTS_EMULATOR_TEST_CRYPTO_H_
#define TESTS_EMULATOR_TEST_CRYPTO_H_

#include <openssl/evp.h>

#include <memory>
#include <string>

namespace emulator_test {

using PrivateKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// A fresh RSA key (2048 bits).
PrivateKey NewRsaKey();

// PEM "BEGIN PUBLIC KEY" / "BEGIN PRIVATE KEY" of `key`.
std::string PublicKeyPem(EVP_PKEY* key);
std::string PrivateKeyPem(EVP_PKEY* key);

// A self-signed certificate for CN=localhost with SANs DNS:localhost and
// IP:127.0.0.1, valid for a day, signed by `key`.
std::string SelfSignedCertificatePem(EVP_PKEY* key);

// Writes `content` (a PEM, a key file) to $TEST_TMPDIR/name; returns the
// path.
std::string WriteTempFile(const std::string& name, const std::string& content);

// header.claims.signature with PS256 (RSASSA-PSS, SHA-256, salt 32) over the
// given JSON texts.
std::string SignJwt(EVP_PKEY* key, const std::string& header_json,
                    const std::string& claims_json);

}  // namespace emulator_test

#endif  // TESTS_EMULATOR_TEST_CRYPTO_H_
