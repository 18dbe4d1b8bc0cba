#include "tests/testing_util/crypto.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <iostream>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace testing_util {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::cerr << "OpenSSL failed: " << what << "\n";
    std::abort();
  }
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);  // NOLINT(runtime/int)
  return std::string(data, static_cast<size_t>(size));
}

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

}  // namespace

KeyPtr NewRsaKey(int bits) {
  EVP_PKEY* key = EVP_RSA_gen(static_cast<unsigned int>(bits));
  Check(key != nullptr, "EVP_RSA_gen");
  return KeyPtr(key, &EVP_PKEY_free);
}

KeyPtr SharedRsaKey() {
  static const KeyPtr* const key = new KeyPtr(NewRsaKey(2048));
  return *key;
}

KeyPtr NewEcKey() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  Check(key != nullptr, "EVP_EC_gen");
  return KeyPtr(key, &EVP_PKEY_free);
}

std::string PrivateKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  Check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr,
                                 nullptr) == 1,
        "PEM_write_bio_PrivateKey");
  return BioText(bio.get());
}

std::string PublicKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  Check(PEM_write_bio_PUBKEY(bio.get(), key) == 1, "PEM_write_bio_PUBKEY");
  return BioText(bio.get());
}

std::string PemBody(absl::string_view pem) {
  std::string body;
  for (absl::string_view line : absl::StrSplit(pem, '\n')) {
    if (absl::StartsWith(line, "-----") || line.empty()) continue;
    absl::StrAppend(&body, line);
  }
  return body;
}

std::string SelfSignedCertificatePem(EVP_PKEY* key) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  Check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  Check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  Check(X509_set_issuer_name(cert.get(), name) == 1, "X509_set_issuer_name");
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  for (auto [nid, value] :
       {std::pair<int, const char*>{NID_subject_alt_name,
                                    "DNS:localhost,IP:127.0.0.1"},
        {NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    Check(ext != nullptr, "X509V3_EXT_conf_nid");
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  Check(X509_sign(cert.get(), key, EVP_sha256()) > 0, "X509_sign");
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  Check(PEM_write_bio_X509(bio.get(), cert.get()) == 1, "PEM_write_bio_X509");
  return BioText(bio.get());
}

std::string SignJwt(EVP_PKEY* key, const std::string& header_json,
                    const std::string& claims_json) {
  std::string signed_part = absl::WebSafeBase64Escape(header_json) + "." +
                            absl::WebSafeBase64Escape(claims_json);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                              EVP_MD_CTX_free);
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  Check(
      EVP_DigestSignInit(ctx.get(), &pkey_ctx, EVP_sha256(), nullptr, key) == 1,
      "EVP_DigestSignInit");
  Check(EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PSS_PADDING) == 1,
        "padding");
  Check(EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx, 32) == 1, "saltlen");
  size_t size = 0;
  Check(
      EVP_DigestSign(ctx.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(signed_part.data()),
                     signed_part.size()) == 1,
      "EVP_DigestSign size");
  std::string signature(size, '\0');
  Check(EVP_DigestSign(
            ctx.get(), reinterpret_cast<unsigned char*>(&signature[0]), &size,
            reinterpret_cast<const unsigned char*>(signed_part.data()),
            signed_part.size()) == 1,
        "EVP_DigestSign");
  signature.resize(size);
  return signed_part + "." + absl::WebSafeBase64Escape(signature);
}

}  // namespace testing_util
