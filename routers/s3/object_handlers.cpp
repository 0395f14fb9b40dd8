// S3Router: single-object operations.

#include <array>

#include "emulator/core/text.hpp"
#include "routers/http/url.hpp"
#include "routers/s3/codec.hpp"
#include "routers/s3/payload.hpp"
#include "routers/s3/s3_router.hpp"
#include "sources/s3/byte_range.hpp"

namespace lemu::routers::s3 {

using namespace lemu::sources::s3;

namespace {

// GetObject's response-* query overrides (presigned downloads use them).
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kOverrides{{
    {"response-content-type", "Content-Type"},
    {"response-content-language", "Content-Language"},
    {"response-expires", "Expires"},
    {"response-cache-control", "Cache-Control"},
    {"response-content-disposition", "Content-Disposition"},
    {"response-content-encoding", "Content-Encoding"},
}};

void require_content_length(const http::Request& request) {
    if (!request.headers.has("Content-Length") && !request.headers.has("Transfer-Encoding")) {
        throw AwsError(ErrorCode::MissingContentLength, "You must provide the Content-Length HTTP header.");
    }
}

struct CopySource {
    std::string bucket;
    std::string key;
};

CopySource parse_copy_source(std::string_view header) {
    std::string_view raw = trim(header);
    if (std::size_t q = raw.find("?versionId="); q != std::string_view::npos) {
        if (raw.substr(q + 11) != "null") {
            throw AwsError(ErrorCode::S3NotImplemented,
                           "A header you provided implies functionality that is not implemented")
                .with("Header", "x-amz-copy-source");
        }
        raw = raw.substr(0, q);
    }
    std::string decoded = http::percent_decode(raw).value_or(std::string(raw));
    std::string_view source = decoded;
    if (source.starts_with('/')) {
        source.remove_prefix(1);
    }
    std::size_t slash = source.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= source.size()) {
        throw AwsError(ErrorCode::InvalidArgument, "Invalid copy source object key")
            .with("ArgumentName", "x-amz-copy-source")
            .with("ArgumentValue", std::string(header));
    }
    return CopySource{std::string(source.substr(0, slash)), std::string(source.substr(slash + 1))};
}

bool etag_matches(std::string_view condition, std::string_view etag) {
    auto unquote = [](std::string_view v) {
        v = trim(v);
        if (v.starts_with("W/")) {
            v.remove_prefix(2);
        }
        return v.size() >= 2 && v.front() == '"' && v.back() == '"' ? v.substr(1, v.size() - 2) : v;
    };
    for (auto candidate : split(condition, ',')) {
        if (trim(candidate) == "*" || unquote(candidate) == unquote(etag)) {
            return true;
        }
    }
    return false;
}

// If-Match / If-None-Match on reads: 412 PreconditionFailed, or a 304 answer (returned).
std::optional<http::Response> check_preconditions(const http::Request& request, const S3Object& object) {
    if (auto wanted = request.header("If-Match"); wanted && !etag_matches(*wanted, object.etag)) {
        throw AwsError(ErrorCode::S3PreconditionFailed, "At least one of the pre-conditions you specified did not hold")
            .with("Condition", "If-Match");
    }
    if (auto unwanted = request.header("If-None-Match"); unwanted && etag_matches(*unwanted, object.etag)) {
        http::Response not_modified = http::Response::empty(304);
        not_modified.headers.set("ETag", object.etag);
        not_modified.headers.set("Last-Modified", http_date(object.last_modified));
        return not_modified;
    }
    return std::nullopt;
}

}  // namespace

http::Response S3Router::put_object(http::Request& request, const S3Context& context) {
    require_content_length(request);
    Payload payload = read_payload(request);
    ObjectAttributes attributes = object_attributes(request);
    attributes.checksum = payload.checksum;
    ObjectPtr object = store_.put_object(request.param("Bucket"), request.param("Key"), std::move(payload.bytes),
                                         std::move(attributes), context.info());
    http::Response response = http::Response::empty(200);
    response.headers.set("ETag", object->etag);
    response.headers.set("x-amz-server-side-encryption", "AES256");
    write_checksum_headers(response, object->attributes.checksum);
    return response;
}

http::Response S3Router::copy_object(http::Request& request, const S3Context& context) {
    CopySource source = parse_copy_source(request.header("x-amz-copy-source").value_or(""));
    std::string directive(request.header("x-amz-metadata-directive").value_or("COPY"));
    if (directive != "COPY" && directive != "REPLACE") {
        throw AwsError(ErrorCode::InvalidArgument, "Unknown metadata directive.")
            .with("ArgumentName", "x-amz-metadata-directive")
            .with("ArgumentValue", directive);
    }
    std::optional<ObjectAttributes> replace;
    if (directive == "REPLACE") {
        replace = object_attributes(request);
    }
    ObjectPtr object = store_.copy_object(source.bucket, source.key, request.param("Bucket"), request.param("Key"),
                                          std::move(replace), context.info());
    http::Response response = xml_response(200, copy_result_xml(*object));
    response.headers.set("x-amz-server-side-encryption", "AES256");
    return response;
}

http::Response S3Router::get_object(http::Request& request, const S3Context&) {
    ObjectPtr object = store_.get_object(request.param("Bucket"), request.param("Key"));
    if (auto answer = check_preconditions(request, *object)) {
        return std::move(*answer);
    }
    ByteRange range;
    if (auto header = request.header("Range")) {
        range = parse_byte_range(*header, object->size);
        if (range.kind == ByteRange::Kind::Unsatisfiable) {
            throw AwsError(ErrorCode::InvalidRange, "The requested range is not satisfiable")
                .with("RangeRequested", std::string(*header))
                .with("ActualObjectSize", std::to_string(object->size));
        }
    }
    bool whole = range.kind == ByteRange::Kind::Whole;
    bool checksum_mode = iequals(request.header("x-amz-checksum-mode").value_or(""), "ENABLED");
    http::Response response;
    response.status = whole ? 200 : 206;
    // A checksum describes the whole object, so a range is answered without one.
    write_object_headers(response, *object, checksum_mode && whole);
    if (whole) {
        response.body = *object->bytes;
    } else {
        response.body = object->bytes->substr(range.first, range.length());
        response.headers.set("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                  std::to_string(range.last) + "/" + std::to_string(object->size));
    }
    for (auto [param, header] : kOverrides) {
        if (auto value = request.query_param(param)) {
            response.headers.set(header, *value);
        }
    }
    return response;
}

http::Response S3Router::head_object(http::Request& request, const S3Context&) {
    ObjectPtr object = store_.get_object(request.param("Bucket"), request.param("Key"));
    if (auto answer = check_preconditions(request, *object)) {
        return std::move(*answer);
    }
    http::Response response = http::Response::empty(200);
    bool checksum_mode = iequals(request.header("x-amz-checksum-mode").value_or(""), "ENABLED");
    write_object_headers(response, *object, checksum_mode);
    response.head_content_length = object->size;
    return response;
}

http::Response S3Router::delete_object(http::Request& request, const S3Context& context) {
    store_.delete_object(request.param("Bucket"), request.param("Key"), context.info());
    return http::Response::empty(204);
}

}  // namespace lemu::routers::s3
