#pragma once
// An upload's bytes as S3 receives them: aws-chunked framing removed, and every integrity claim the
// client made checked (x-amz-content-sha256, Content-MD5, x-amz-checksum-* in headers or trailers).

#include <optional>
#include <string>

#include "routers/http/request.hpp"
#include "sources/s3/checksum.hpp"

namespace lemu::routers::s3 {

struct Payload {
    std::string bytes;
    // The flexible checksum the client sent (verified), or computed for a bare
    // x-amz-sdk-checksum-algorithm / x-amz-checksum-algorithm.
    std::optional<sources::s3::Checksum> checksum;
    bool had_integrity_header = false;  // Content-MD5 or a checksum: what DeleteObjects requires
};

// Throws AwsError: IncompleteBody, XAmzContentSHA256Mismatch, InvalidDigest, BadDigest, InvalidRequest.
Payload read_payload(http::Request& request);

}  // namespace lemu::routers::s3
