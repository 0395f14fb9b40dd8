#pragma once
// One stored object version. Immutable once stored: readers get a shared_ptr<const S3Object>.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/clock.hpp"
#include "sources/s3/checksum.hpp"

namespace lemu::sources::s3 {

// What the uploader chose about an object, kept as given and returned on GET/HEAD.
struct ObjectAttributes {
    std::string content_type = "binary/octet-stream";
    // Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires (as sent).
    std::vector<std::pair<std::string, std::string>> content_headers;
    // x-amz-meta-NAME -> value, NAME lower-cased.
    std::vector<std::pair<std::string, std::string>> metadata;
    std::optional<Checksum> checksum;
    std::string storage_class = "STANDARD";
};

struct S3Object {
    std::string key;
    std::shared_ptr<const std::string> bytes;
    std::string etag;  // quoted, as in the ETag header: "\"<md5hex>\"" or "\"<hex>-N\"" for multipart
    std::uint64_t size = 0;
    TimePoint last_modified;  // whole seconds, as S3 reports it
    ObjectAttributes attributes;
    std::string version_id = "null";

    std::string unquoted_etag() const {
        return etag.size() >= 2 && etag.front() == '"' ? etag.substr(1, etag.size() - 2) : etag;
    }
};

using ObjectPtr = std::shared_ptr<const S3Object>;

}  // namespace lemu::sources::s3
