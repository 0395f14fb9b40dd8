#pragma once
// Deployment packages (function code and layer content), stored content-addressed by their SHA-256 and
// extracted on demand into a content-addressed cache (DESIGN.md §7 "Code").
//
// Layout under the root directory:
//   zips/<hex sha256>.zip          the package exactly as uploaded
//   extracted/<hex sha256>/        its files, with the unix permission bits from the zip
//   layers/<hex of the list>/      several layer packages merged in order (later ones overwrite)
//
// Validation happens before anything is written: a corrupt zip, an entry with an absolute path or a
// ".." component, or more than 250 MB unzipped is an InvalidParameterValueException and stores nothing.
// Thread-safe: extraction goes to a private temporary directory that is renamed into place.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::control {

inline constexpr std::uint64_t kMaxZippedBytes = 52'428'800;     // 50 MB direct upload
inline constexpr std::uint64_t kMaxUnzippedBytes = 262'144'000;  // 250 MB

struct StoredCode {
    std::string sha256;  // base64 (CodeSha256)
    std::string hex;     // hex of the same digest: the file name
    std::uint64_t size = 0;
    std::uint64_t unzipped_size = 0;
};

class CodeStore {
  public:
    explicit CodeStore(std::filesystem::path root);

    const std::filesystem::path& root() const { return root_; }

    // Checks a zip and computes its CodeSha256/CodeSize without storing anything. Throws AwsError.
    static StoredCode inspect(std::string_view zip_bytes);
    // inspect(), then writes the zip (atomically) unless the same content is already stored.
    StoredCode put(std::string_view zip_bytes);

    bool contains(const std::string& sha256) const;
    std::filesystem::path zip_path(const std::string& sha256) const;
    // The zip bytes; throws std::runtime_error when not stored.
    std::string read(const std::string& sha256) const;

    // The package's files, extracted once. Throws std::runtime_error when not stored.
    std::filesystem::path extracted_dir(const std::string& sha256);
    // The given packages extracted over each other in order into one directory (a version's /opt).
    std::filesystem::path merged_dir(const std::vector<std::string>& sha256s);

    // Hex file name of a base64 CodeSha256; empty when it is not a SHA-256 digest.
    static std::string hex_of(const std::string& sha256);

  private:
    std::filesystem::path unique_temp(const std::filesystem::path& dir);

    std::filesystem::path root_;
    std::mutex temp_mutex_;
    std::uint64_t temp_counter_ = 0;
};

}  // namespace lemu::control
