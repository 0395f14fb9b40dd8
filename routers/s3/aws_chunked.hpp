#pragma once
// The aws-chunked content encoding SDKs use for streaming uploads (x-amz-content-sha256:
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] or STREAMING-UNSIGNED-PAYLOAD-TRAILER):
//   HEX-SIZE[;chunk-signature=SIG]\r\n DATA \r\n ... 0[;chunk-signature=SIG]\r\n [name:value\r\n]* \r\n
// Chunk signatures are not verified (lemu accepts any credentials).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lemu::routers::s3 {

struct ChunkedPayload {
    std::string data;
    std::vector<std::pair<std::string, std::string>> trailers;  // names lower-cased
};

// nullopt when the framing is broken.
std::optional<ChunkedPayload> decode_aws_chunked(std::string_view body);

}  // namespace lemu::routers::s3
