#pragma once
// A multipart upload in progress: its parts until CompleteMultipartUpload assembles them.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "emulator/core/clock.hpp"
#include "sources/s3/checksum.hpp"
#include "sources/s3/s3_object.hpp"

namespace lemu::sources::s3 {

inline constexpr int kMaxPartNumber = 10000;
inline constexpr std::uint64_t kMinPartSize = 5 * 1024 * 1024;

struct UploadedPart {
    int number = 0;
    std::shared_ptr<const std::string> bytes;
    std::string etag;  // quoted MD5 of the part
    std::uint64_t size = 0;
    TimePoint last_modified;
    std::optional<Checksum> checksum;
};

struct MultipartUpload {
    std::string upload_id;
    std::string key;
    TimePoint initiated;
    ObjectAttributes attributes;
    std::map<int, UploadedPart> parts;
};

struct CompletedPart {
    int number = 0;
    std::string etag;  // as the client sent it, quoted or not
};

}  // namespace lemu::sources::s3
