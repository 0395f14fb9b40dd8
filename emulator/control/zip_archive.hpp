#pragma once
// A read-only view of a zip held in memory (libzip), with the safety checks lemu applies to every
// deployment package. Internal to the control library.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace lemu::control {

// Throws AwsError(InvalidParameterValue) unless the zip opens, every entry decompresses, no entry path
// is absolute or contains "..", and the entries total at most `max_unzipped` bytes. Returns the total.
std::uint64_t validate_zip(std::string_view zip_bytes, std::uint64_t max_unzipped);

// Extracts a validated zip into `dir` (which must exist), keeping unix permission bits. Existing files
// are overwritten. Throws std::runtime_error on I/O failure.
void extract_zip(std::string_view zip_bytes, const std::filesystem::path& dir);

// Zips the regular files under `dir` (recursively, paths relative to it, in sorted order so the same
// tree always gives the same bytes and CodeSha256), keeping each file's unix permission bits.
// Throws std::runtime_error on I/O failure.
std::string zip_directory(const std::filesystem::path& dir);

}  // namespace lemu::control
