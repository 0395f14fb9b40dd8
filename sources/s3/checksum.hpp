#pragma once
// The flexible checksums S3 accepts and returns (x-amz-checksum-<algorithm>): botocore 1.36+ sends
// CRC32 on every upload by default. Values are base64 of the big-endian digest, as on the wire.

#include <optional>
#include <string>
#include <string_view>

namespace lemu::sources::s3 {

enum class ChecksumAlgorithm { Crc32, Crc32c, Crc64Nvme, Sha1, Sha256 };

struct Checksum {
    ChecksumAlgorithm algorithm;
    std::string value;  // base64
};

// "CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256" (case-insensitive); nullopt for anything else.
std::optional<ChecksumAlgorithm> parse_checksum_algorithm(std::string_view name);
// The upper-case name AWS uses in ChecksumAlgorithm fields.
std::string_view checksum_name(ChecksumAlgorithm algorithm);
// "x-amz-checksum-crc32", ...
std::string checksum_header(ChecksumAlgorithm algorithm);

// Base64 of the digest of `bytes`.
std::string compute_checksum(ChecksumAlgorithm algorithm, std::string_view bytes);

std::uint32_t crc32(std::string_view bytes);
std::uint32_t crc32c(std::string_view bytes);
std::uint64_t crc64nvme(std::string_view bytes);
// 20 raw bytes.
std::string sha1(std::string_view bytes);

}  // namespace lemu::sources::s3
