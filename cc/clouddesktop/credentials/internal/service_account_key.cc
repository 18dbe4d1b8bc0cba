#include "clouddesktop/credentials/internal/service_account_key.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clouddesktop/credentials/internal/warning.h"
#include "clouddesktop/credentials/internal/wipe.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN
namespace internal {
namespace {

using Json = nlohmann::json;

// Real key files are about 2.5 KiB (4096-bit keys).
constexpr size_t kMaxKeyFileSize = 64 * 1024;
constexpr int kMinRsaBits = 2048;

// Wipes a string that held key material before it is freed.
struct WipeOnExit {
  std::string& s;
  ~WipeOnExit() { Wipe(s); }
};

absl::Status Problem(absl::string_view source, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(source, ": ", problem));
}

// A short, printable, non-secret value may be quoted in an error.
std::string Quote(absl::string_view value) {
  if (value.size() > 32) return "(a long value)";
  for (char c : value) {
    if (!absl::ascii_isprint(static_cast<unsigned char>(c))) {
      return "(a non-printable value)";
    }
  }
  return absl::StrCat("\"", value, "\"");
}

// The string field `name`; a missing field is NotFound, so that optional
// fields can skip it.
absl::StatusOr<std::string> StringField(const Json& object,
                                        absl::string_view source,
                                        const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    return absl::NotFoundError(
        absl::StrCat(source, ": missing field \"", name, "\""));
  }
  if (!it->is_string()) {
    return Problem(source,
                   absl::StrCat("field \"", name, "\" must be a string, not ",
                                it->type_name()));
  }
  return it->get<std::string>();
}

absl::StatusOr<std::string> Required(const Json& object,
                                     absl::string_view source,
                                     const char* name) {
  auto value = StringField(object, source, name);
  if (!value.ok()) {
    if (absl::IsNotFound(value.status())) {
      return absl::InvalidArgumentError(value.status().message());
    }
    return value.status();
  }
  if (absl::StripAsciiWhitespace(*value).empty()) {
    return Problem(source, absl::StrCat("field \"", name, "\" is empty"));
  }
  return value;
}

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

BioPtr MemoryBio(absl::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())),
                &BIO_free);
}

// The key types a key file may hold by mistake, for the error message
// (EVP_PKEY_get0_type_name is OpenSSL 3 only; BoringSSL has no equivalent).
const char* KeyTypeName(const EVP_PKEY* key) {
  switch (EVP_PKEY_id(key)) {
    case EVP_PKEY_EC:
      return "an EC";
    case EVP_PKEY_ED25519:
      return "an ED25519";
    case EVP_PKEY_DSA:
      return "a DSA";
    default:
      return "a non-RSA";
  }
}

// The DER SubjectPublicKeyInfo of a key (i2d_PUBKEY, in both OpenSSL and
// BoringSSL); empty on failure.
std::string PublicKeyDer(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int size = i2d_PUBKEY(key, &der);
  if (size <= 0 || der == nullptr) return std::string();
  std::string out(reinterpret_cast<const char*>(der),
                  static_cast<size_t>(size));
  OPENSSL_free(der);
  return out;
}

// Never prompts on the terminal for an encrypted key's passphrase.
int NoPassphrase(char*, int, int, void*) { return 0; }

absl::StatusOr<std::shared_ptr<EVP_PKEY>> ParsePrivateKey(
    absl::string_view pem, absl::string_view source) {
  if (!absl::StrContains(pem, "-----BEGIN ")) {
    return Problem(source,
                   "field \"private_key\" is not PEM (no -----BEGIN "
                   "line)");
  }
  BioPtr bio = MemoryBio(pem);
  EVP_PKEY* raw =
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &NoPassphrase, nullptr)
          : nullptr;
  // OpenSSL's error queue names only routines and reasons, but nothing of
  // it is needed: the message below says what is wrong.
  ERR_clear_error();
  if (raw == nullptr) {
    return Problem(source,
                   "field \"private_key\" is not a valid PEM private key "
                   "(unencrypted PKCS#8 \"BEGIN PRIVATE KEY\" or \"BEGIN RSA "
                   "PRIVATE KEY\" expected)");
  }
  std::shared_ptr<EVP_PKEY> key(raw, &EVP_PKEY_free);
  // EVP_PKEY_id and EVP_PKEY_bits: spelled alike in OpenSSL 3 and BoringSSL.
  if (EVP_PKEY_id(raw) != EVP_PKEY_RSA) {
    return Problem(source,
                   absl::StrCat("field \"private_key\" is ", KeyTypeName(raw),
                                " key, not RSA (PS256 needs an RSA key)"));
  }
  if (EVP_PKEY_bits(raw) < kMinRsaBits) {
    return Problem(
        source, absl::StrCat("field \"private_key\" is a ", EVP_PKEY_bits(raw),
                             "-bit RSA key; at least ", kMinRsaBits,
                             " bits are required"));
  }
  return key;
}

absl::Status CheckPublicKey(absl::string_view pem, EVP_PKEY* private_key,
                            absl::string_view source) {
  BioPtr bio = MemoryBio(pem);
  EVP_PKEY* raw =
      bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, &NoPassphrase, nullptr)
          : nullptr;
  ERR_clear_error();
  if (raw == nullptr) {
    return Problem(source,
                   "field \"public_key\" is not a valid PEM public key "
                   "(\"BEGIN PUBLIC KEY\" expected)");
  }
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> public_key(
      raw, &EVP_PKEY_free);
  // Compares the encoded public halves: EVP_PKEY_eq is OpenSSL 3 only and
  // EVP_PKEY_cmp is deprecated there.
  std::string expected = PublicKeyDer(private_key);
  if (expected.empty() || expected != PublicKeyDer(public_key.get())) {
    ERR_clear_error();
    return Problem(source,
                   "field \"public_key\" does not match field \"private_key\"");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServiceAccountKey> ParseServiceAccountKey(
    absl::string_view json, absl::string_view source) {
  // No exceptions; and nlohmann's error text quotes the input near the
  // error, which may be key material, so only "not JSON" is reported.
  Json object = Json::parse(json.begin(), json.end(), /*cb=*/nullptr,
                            /*allow_exceptions=*/false);
  struct WipeJson {
    Json& j;
    ~WipeJson() {
      auto it = j.find("private_key");
      if (it != j.end() && it->is_string()) {
        Wipe(it->get_ref<std::string&>());
      }
    }
  } wipe_json{object};
  if (object.is_discarded()) return Problem(source, "not valid JSON");
  if (!object.is_object()) {
    return Problem(source, absl::StrCat("not a JSON object (a ",
                                        object.type_name(), " instead)"));
  }

  ServiceAccountKey key;
  absl::StatusOr<std::string> field = Required(object, source, "id");
  if (!field.ok()) return field.status();
  key.id = *std::move(field);
  field = Required(object, source, "service_account_id");
  if (!field.ok()) return field.status();
  key.service_account_id = *std::move(field);

  field = StringField(object, source, "created_at");
  if (field.ok()) {
    key.created_at = *std::move(field);
  } else if (!absl::IsNotFound(field.status())) {
    return field.status();
  }

  field = StringField(object, source, "key_algorithm");
  if (field.ok()) {
    key.key_algorithm = *std::move(field);
    if (!absl::StartsWith(key.key_algorithm, "RSA_")) {
      return Problem(source, absl::StrCat("field \"key_algorithm\" is ",
                                          Quote(key.key_algorithm),
                                          ", not RSA (RSA_2048 or RSA_4096)"));
    }
  } else if (!absl::IsNotFound(field.status())) {
    return field.status();
  }

  field = Required(object, source, "private_key");
  if (!field.ok()) return field.status();
  std::string private_pem = *std::move(field);
  WipeOnExit wipe_pem{private_pem};
  absl::StatusOr<std::shared_ptr<EVP_PKEY>> private_key =
      ParsePrivateKey(private_pem, source);
  if (!private_key.ok()) return private_key.status();
  key.private_key = *std::move(private_key);

  field = StringField(object, source, "public_key");
  if (field.ok()) {
    absl::Status status = CheckPublicKey(*field, key.private_key.get(), source);
    if (!status.ok()) return status;
  } else if (!absl::IsNotFound(field.status())) {
    return field.status();
  }
  return key;
}

absl::StatusOr<ServiceAccountKey> ReadServiceAccountKeyFile(
    absl::string_view path, const WarningSink& warn) {
  const std::string source =
      absl::StrCat("service-account key file \"", path, "\"");
  const std::string path_string(path);
  int fd = open(path_string.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    return absl::Status(
        absl::ErrnoToStatusCode(error),
        absl::StrCat(source, ": cannot open it: ", std::strerror(error)));
  }
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int error = errno;
    return absl::Status(
        absl::ErrnoToStatusCode(error),
        absl::StrCat(source, ": cannot stat it: ", std::strerror(error)));
  }
  if (!S_ISREG(st.st_mode)) return Problem(source, "not a regular file");
  if (static_cast<size_t>(st.st_size) > kMaxKeyFileSize) {
    return Problem(source,
                   absl::StrCat("too large for a key file (", st.st_size,
                                " bytes; at most ", kMaxKeyFileSize, ")"));
  }
  std::string contents;
  WipeOnExit wipe_contents{contents};
  contents.resize(kMaxKeyFileSize + 1);
  size_t size = 0;
  while (size < contents.size()) {
    ssize_t n = read(fd, contents.data() + size, contents.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      return absl::Status(
          absl::ErrnoToStatusCode(error),
          absl::StrCat(source, ": cannot read it: ", std::strerror(error)));
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  if (size > kMaxKeyFileSize) {
    return Problem(source, "too large for a key file");
  }
  absl::StatusOr<ServiceAccountKey> key =
      ParseServiceAccountKey(absl::string_view(contents.data(), size), source);
  if (key.ok() && (st.st_mode & (S_IRGRP | S_IROTH)) != 0) {
    Warn(warn, absl::StrFormat(
                   "%s is readable by %s (mode %04o); it holds a "
                   "private key: chmod 600 it",
                   source, (st.st_mode & S_IROTH) != 0 ? "others" : "its group",
                   st.st_mode & 07777));
  }
  return key;
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop
