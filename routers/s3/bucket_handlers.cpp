// S3Router: the service and bucket operations.

#include <charconv>

#include "emulator/core/text.hpp"
#include "routers/s3/codec.hpp"
#include "routers/s3/payload.hpp"
#include "routers/s3/s3_router.hpp"
#include "routers/s3/xml.hpp"

namespace lemu::routers::s3 {

using namespace lemu::sources::s3;

namespace {

constexpr int kMaxListKeys = 1000;

int parse_max_keys(const http::Request& request) {
    auto text = request.query_param("max-keys");
    if (!text) {
        return kMaxListKeys;
    }
    long long value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || ec != std::errc{} || end != text->data() + text->size() || value > 2147483647LL ||
        value < -2147483648LL) {
        throw AwsError(ErrorCode::InvalidArgument, "Provided max-keys not an integer or within integer range")
            .with("ArgumentName", "max-keys")
            .with("ArgumentValue", *text);
    }
    if (value < 0) {
        throw AwsError(ErrorCode::InvalidArgument, "Argument maxKeys must be an integer between 0 and 2147483647")
            .with("ArgumentName", "maxKeys")
            .with("ArgumentValue", *text);
    }
    return static_cast<int>(std::min<long long>(value, kMaxListKeys));
}

}  // namespace

http::Response S3Router::list_buckets(http::Request& request, const S3Context&) {
    std::string prefix = request.query_param("prefix").value_or("");
    std::string region = request.query_param("bucket-region").value_or("");
    std::vector<BucketInfo> buckets;
    for (auto& bucket : store_.list_buckets()) {
        if (bucket.name.starts_with(prefix) && (region.empty() || bucket.region == region)) {
            buckets.push_back(std::move(bucket));
        }
    }
    return xml_response(200, list_buckets_xml(buckets, canonical_user_id(store_.home().account), prefix));
}

http::Response S3Router::create_bucket(http::Request& request, const S3Context& context) {
    const std::string& name = request.param("Bucket");
    Payload payload = read_payload(request);
    BucketInfo info = store_.create_bucket(name, context.region, parse_location_constraint(payload.bytes));
    http::Response response = http::Response::empty(200);
    if (info.region == "us-east-1") {
        response.headers.set("Location", "/" + name);
    } else {
        std::string host(request.header("Host").value_or("s3.amazonaws.com"));
        if (!virtual_host_bucket(host)) {
            host = name + "." + host;
        }
        response.headers.set("Location", "http://" + host + "/");
    }
    return response;
}

http::Response S3Router::head_bucket(http::Request& request, const S3Context&) {
    BucketInfo info = store_.head_bucket(request.param("Bucket"));
    http::Response response = http::Response::empty(200);
    response.headers.set("x-amz-bucket-region", info.region);
    response.headers.set("x-amz-access-point-alias", "false");
    response.headers.set("Content-Type", "application/xml");
    return response;
}

http::Response S3Router::delete_bucket(http::Request& request, const S3Context&) {
    store_.delete_bucket(request.param("Bucket"));
    return http::Response::empty(204);
}

http::Response S3Router::get_bucket_location(http::Request& request, const S3Context&) {
    BucketInfo info = store_.head_bucket(request.param("Bucket"));
    // us-east-1 is the empty constraint (botocore maps it back to None).
    std::string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint "
                       "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" +
                       (info.region == "us-east-1" ? std::string{} : xml_escape(info.region)) + "</LocationConstraint>";
    return xml_response(200, std::move(body));
}

http::Response S3Router::list_objects(http::Request& request, const S3Context&) {
    ListRender render;
    render.bucket = request.param("Bucket");
    render.v2 = request.query_param("list-type").has_value();
    if (render.v2 && request.query_param("list-type") != "2") {
        throw AwsError(ErrorCode::InvalidArgument, "Invalid List Type specified in Request")
            .with("ArgumentName", "list-type")
            .with("ArgumentValue", request.query_param("list-type").value_or(""));
    }
    if (auto encoding = request.query_param("encoding-type")) {
        if (*encoding != "url") {
            throw AwsError(ErrorCode::InvalidArgument, "Invalid Encoding Method specified in Request")
                .with("ArgumentName", "encoding-type")
                .with("ArgumentValue", *encoding);
        }
        render.url_encoding = true;
    }
    render.query.prefix = request.query_param("prefix").value_or("");
    render.query.delimiter = request.query_param("delimiter").value_or("");
    render.query.max_keys = parse_max_keys(request);
    render.query.start_after = request.query_param(render.v2 ? "start-after" : "marker").value_or("");
    render.fetch_owner = request.query_param("fetch-owner") == "true";
    render.owner_id = canonical_user_id(store_.home().account);
    if (render.v2) {
        if (auto token = request.query_param("continuation-token")) {
            auto decoded = decode_continuation_token(*token);
            if (!decoded) {
                throw AwsError(ErrorCode::InvalidArgument, "The continuation token provided is incorrect")
                    .with("ArgumentName", "continuation-token");
            }
            render.continuation_token = *token;
            render.query.continue_from = std::move(*decoded);
        }
    }
    ListPage page = store_.list_objects(render.bucket, render.query);
    return xml_response(200, list_objects_xml(render, page));
}

http::Response S3Router::delete_objects(http::Request& request, const S3Context& context) {
    Payload payload = read_payload(request);
    if (!payload.had_integrity_header) {
        throw AwsError(ErrorCode::InvalidRequest, "Missing required header for this request: Content-MD5");
    }
    DeleteRequest deletion = parse_delete(payload.bytes);
    store_.delete_objects(request.param("Bucket"), deletion.keys, context.info());
    return xml_response(200, delete_result_xml(deletion));
}

http::Response S3Router::put_notification(http::Request& request, const S3Context&) {
    const std::string& bucket = request.param("Bucket");
    store_.head_bucket(bucket);  // NoSuchBucket before any complaint about the body
    Payload payload = read_payload(request);
    bool skip = iequals(request.header("x-amz-skip-destination-validation").value_or(""), "true");
    store_.put_notification_configuration(bucket, parse_notification_configuration(payload.bytes), skip);
    return http::Response::empty(200);
}

http::Response S3Router::get_notification(http::Request& request, const S3Context&) {
    return xml_response(200, notification_configuration_xml(store_.notification_configuration(request.param("Bucket"))));
}

}  // namespace lemu::routers::s3
