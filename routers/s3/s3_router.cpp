#include "routers/s3/s3_router.hpp"

#include <algorithm>
#include <array>

#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"
#include "routers/http/url.hpp"
#include "routers/s3/codec.hpp"

namespace lemu::routers::s3 {
namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("s3");
    return instance;
}

// Query keys that select an operation lemu serves, in priority order.
constexpr std::array kSelectors{std::string_view{"uploadId"}, std::string_view{"uploads"},
                                std::string_view{"notification"}, std::string_view{"location"},
                                std::string_view{"delete"}, std::string_view{"list-type"}};
// S3 subresources lemu does not serve: answered 501 NotImplemented rather than mistaken for a
// plain object or bucket operation.
constexpr std::array kUnsupported{
    "accelerate", "acl", "analytics", "attributes", "cors", "encryption", "intelligent-tiering", "inventory",
    "legal-hold", "lifecycle", "logging", "metadataTable", "metrics", "object-lock", "ownershipControls",
    "partNumber", "policy", "policyStatus", "publicAccessBlock", "replication", "requestPayment", "restore",
    "retention", "select", "session", "tagging", "torrent", "versionId", "versioning", "versions", "website"};

constexpr std::string_view kAdminPrefix = "/_lemu/";

std::string first_segment(std::string_view path) {
    if (path.starts_with('/')) {
        path.remove_prefix(1);
    }
    std::string_view segment = path.substr(0, path.find('/'));
    return http::percent_decode(segment).value_or(std::string(segment));
}

void set_id_headers(http::Response& response, const S3Context& context) {
    response.headers.set("x-amz-request-id", context.request_id);
    response.headers.set("x-amz-id-2", context.host_id);
    // The Dispatcher adds x-amzn-RequestId when absent, and botocore prefers it over
    // x-amz-request-id: make both carry S3's id so clients report one request id.
    response.headers.set("x-amzn-RequestId", context.request_id);
}

bool is_streaming(const http::Request& head) {
    return head.header("x-amz-content-sha256").value_or("").starts_with("STREAMING-") ||
           head.header("Content-Encoding").value_or("").find("aws-chunked") != std::string_view::npos;
}

}  // namespace

S3Router::S3Router(sources::s3::BucketStore& store, S3RouterOptions options) : store_(store), options_(options) {}

bool S3Router::matches(const http::Request& head) const {
    if (head.path.starts_with(kAdminPrefix)) {
        return false;
    }
    if (auto scope = sigv4_scope(head)) {
        return scope->service == "s3";
    }
    if (head.header("Authorization").value_or("").starts_with("AWS ")) {
        return true;  // SigV2: only S3 still accepts it
    }
    if (is_s3_host(head.header("Host").value_or(""))) {
        return true;
    }
    // Unsigned path-style requests (public reads, browser uploads) to a bucket that exists.
    std::string bucket = first_segment(head.path);
    return !bucket.empty() && store_.has_bucket(bucket);
}

std::size_t S3Router::body_limit(const http::Request& head) const {
    // aws-chunked framing adds a few dozen bytes per chunk on top of the object itself.
    return options_.max_object_bytes + (is_streaming(head) ? options_.max_object_bytes / 32 + 64 * 1024 : 0);
}

AwsError S3Router::body_too_large(const http::Request& head) const {
    std::string proposed(head.header("x-amz-decoded-content-length").value_or(head.header("Content-Length").value_or("")));
    AwsError error(ErrorCode::EntityTooLarge, "Your proposed upload exceeds the maximum allowed size");
    if (!proposed.empty()) {
        error.with("ProposedSize", proposed);
    }
    error.with("MaxSizeAllowed", std::to_string(options_.max_object_bytes));
    return error;
}

http::Response S3Router::render(const AwsError& error, const http::Request& request) const {
    S3Context context = make_context(request, store_.home().region);
    http::Response response;
    if (request.method == "HEAD") {
        response = http::Response::empty(error.http_status());  // HEAD errors carry no body
    } else {
        response = xml_response(error.http_status(), error_xml(error, context.request_id, context.host_id));
    }
    set_id_headers(response, context);
    if (error.http_status() >= 500) {
        logger()->error("{} {} failed: {} {}", request.method, request.path, error.name(), error.message());
    }
    return response;
}

boost::asio::awaitable<http::Response> S3Router::handle(http::Request& request) {
    S3Context context = make_context(request, store_.home().region);
    http::Response response = dispatch(request, context);
    set_id_headers(response, context);
    co_return response;
}

S3Router::Level S3Router::bind_address(http::Request& request) {
    // Virtual-host addressing: the bucket comes from Host, the whole path is the key.
    std::string path = request.path;
    if (auto bucket = virtual_host_bucket(request.header("Host").value_or(""))) {
        path = "/" + http::percent_encode(*bucket) + (path.empty() ? "/" : path);
    }
    std::string_view rest = path;
    if (rest.starts_with('/')) {
        rest.remove_prefix(1);
    }
    if (rest.empty()) {
        return Level::Service;
    }
    std::size_t slash = rest.find('/');
    std::string_view bucket = rest.substr(0, slash);
    request.params["Bucket"] = http::percent_decode(bucket).value_or(std::string(bucket));
    if (slash == std::string_view::npos || slash + 1 >= rest.size()) {
        return Level::Bucket;
    }
    std::string_view key = rest.substr(slash + 1);
    request.params["Key"] = http::percent_decode(key).value_or(std::string(key));
    return Level::Object;
}

std::string_view S3Router::selector(const http::Request& request) {
    http::QueryParams query = request.query_params();
    auto has = [&query](std::string_view key) {
        return std::any_of(query.begin(), query.end(), [key](const auto& kv) { return kv.first == key; });
    };
    for (std::string_view s : kSelectors) {
        if (has(s)) {
            return s;
        }
    }
    for (std::string_view s : kUnsupported) {
        // GetObject?versionId=null is an ordinary read of an unversioned bucket.
        if (has(s) && !(s == "versionId" && request.query_param("versionId") == "null")) {
            logger()->info("unsupported S3 subresource ?{}: {} {}", s, request.method, request.target);
            throw AwsError(ErrorCode::S3NotImplemented,
                           "A header you provided implies functionality that is not implemented");
        }
    }
    return {};
}

http::Response S3Router::dispatch(http::Request& request, const S3Context& context) {
    const Level level = bind_address(request);
    const std::string_view selected = selector(request);
    bool path_known = false;
    for (const Route& route : routes()) {
        if (route.level != level || route.selector != selected) {
            continue;
        }
        path_known = true;
        if (route.method != request.method || (!route.header.empty() && !request.headers.has(route.header))) {
            continue;
        }
        logger()->debug("{} {}/{}", route.operation, request.param("Bucket"), request.param("Key"));
        return (this->*route.handler)(request, context);
    }
    if (path_known) {
        throw AwsError(ErrorCode::MethodNotAllowed, "The specified method is not allowed against this resource.")
            .with("Method", request.method)
            .with("ResourceType", level == Level::Object ? "OBJECT" : level == Level::Bucket ? "BUCKET" : "SERVICE");
    }
    return not_implemented(request, context);
}

http::Response S3Router::not_implemented(http::Request& request, const S3Context&) {
    logger()->info("unsupported S3 request {} {}", request.method, request.target);
    throw AwsError(ErrorCode::S3NotImplemented, "A header you provided implies functionality that is not implemented");
}

}  // namespace lemu::routers::s3
