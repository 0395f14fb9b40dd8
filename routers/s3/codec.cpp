#include "routers/s3/codec.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"
#include "routers/http/url.hpp"
#include "routers/s3/xml.hpp"

namespace lemu::routers::s3 {

using namespace lemu::sources::s3;

namespace {

constexpr std::array kContentHeaders{std::string_view{"Content-Encoding"}, std::string_view{"Content-Disposition"},
                                     std::string_view{"Content-Language"}, std::string_view{"Cache-Control"},
                                     std::string_view{"Expires"}};
constexpr std::size_t kMaxDeleteKeys = 1000;

XmlNode parse_or_throw(std::string_view body, std::string_view root) {
    auto doc = parse_xml(body);
    if (!doc || doc->name != root) {
        throw malformed_xml();
    }
    return std::move(*doc);
}

std::string encode_if(bool url, std::string_view text) {
    return url ? http::percent_encode(text, true) : std::string(text);
}

// Content-Encoding without the transport-only "aws-chunked" token.
std::string stored_encoding(std::string_view value) {
    std::vector<std::string> kept;
    for (auto part : split(value, ',')) {
        auto token = trim(part);
        if (!token.empty() && !iequals(token, "aws-chunked")) {
            kept.emplace_back(token);
        }
    }
    return join(kept, ",");
}

void write_contents(XmlWriter& w, const S3Object& o, const ListRender& r) {
    w.open("Contents");
    w.leaf("Key", encode_if(r.url_encoding, o.key));
    w.leaf("LastModified", xml_timestamp(o.last_modified));
    w.leaf("ETag", o.etag);
    if (o.attributes.checksum) {
        w.leaf("ChecksumAlgorithm", checksum_name(o.attributes.checksum->algorithm));
        w.leaf("ChecksumType", "FULL_OBJECT");
    }
    w.leaf("Size", std::to_string(o.size));
    if (!r.v2 || r.fetch_owner) {
        w.open("Owner").leaf("ID", r.owner_id).close("Owner");
    }
    w.leaf("StorageClass", o.attributes.storage_class);
    w.close("Contents");
}

}  // namespace

AwsError malformed_xml() {
    return AwsError(ErrorCode::MalformedXML,
                    "The XML you provided was not well-formed or did not validate against our published schema");
}

std::optional<std::string> parse_location_constraint(std::string_view body) {
    if (trim(body).empty()) {
        return std::nullopt;
    }
    XmlNode root = parse_or_throw(body, "CreateBucketConfiguration");
    const XmlNode* constraint = root.child("LocationConstraint");
    if (constraint == nullptr) {
        return std::nullopt;
    }
    return std::string(trim(constraint->text));
}

NotificationConfiguration parse_notification_configuration(std::string_view body) {
    XmlNode root = parse_or_throw(body, "NotificationConfiguration");
    NotificationConfiguration config;
    for (const auto& node : root.children) {
        if (node.name == "QueueConfiguration" || node.name == "TopicConfiguration" ||
            node.name == "EventBridgeConfiguration") {
            throw AwsError(ErrorCode::S3NotImplemented,
                           "A header you provided implies functionality that is not implemented")
                .with("Detail", "lemu delivers S3 notifications to Lambda functions only (" + node.name + ")");
        }
        if (node.name != "CloudFunctionConfiguration") {
            throw malformed_xml();
        }
        LambdaConfiguration c;
        const XmlNode* function = node.child("CloudFunction");
        auto events = node.children_named("Event");
        if (function == nullptr || events.empty()) {
            throw malformed_xml();
        }
        c.function_arn = std::string(trim(function->text));
        if (const XmlNode* id = node.child("Id")) {
            c.id = id->text;
        }
        for (const XmlNode* event : events) {
            c.events.emplace_back(trim(event->text));
        }
        if (const XmlNode* filter = node.child("Filter")) {
            const XmlNode* key = filter->child("S3Key");
            for (const XmlNode* rule : key == nullptr ? std::vector<const XmlNode*>{} : key->children_named("FilterRule")) {
                const XmlNode* name = rule->child("Name");
                const XmlNode* value = rule->child("Value");
                c.filter_rules.push_back(FilterRule{name ? name->text : "", value ? value->text : ""});
            }
        }
        config.lambda.push_back(std::move(c));
    }
    return config;
}

DeleteRequest parse_delete(std::string_view body) {
    XmlNode root = parse_or_throw(body, "Delete");
    DeleteRequest request;
    if (const XmlNode* quiet = root.child("Quiet")) {
        request.quiet = iequals(trim(quiet->text), "true");
    }
    for (const XmlNode* object : root.children_named("Object")) {
        const XmlNode* key = object->child("Key");
        if (key == nullptr) {
            throw malformed_xml();
        }
        request.keys.push_back(key->text);
    }
    if (request.keys.empty() || request.keys.size() > kMaxDeleteKeys) {
        throw malformed_xml();
    }
    return request;
}

std::vector<CompletedPart> parse_complete_multipart(std::string_view body) {
    XmlNode root = parse_or_throw(body, "CompleteMultipartUpload");
    std::vector<CompletedPart> parts;
    for (const XmlNode* part : root.children_named("Part")) {
        const XmlNode* number = part->child("PartNumber");
        const XmlNode* etag = part->child("ETag");
        if (number == nullptr || etag == nullptr) {
            throw malformed_xml();
        }
        CompletedPart p;
        try {
            p.number = std::stoi(std::string(trim(number->text)));
        } catch (const std::exception&) {
            throw malformed_xml();
        }
        p.etag = std::string(trim(etag->text));
        parts.push_back(std::move(p));
    }
    return parts;
}

ObjectAttributes object_attributes(const http::Request& request) {
    ObjectAttributes a;
    if (auto type = request.header("Content-Type"); type && !type->empty()) {
        a.content_type = std::string(*type);
    }
    for (std::string_view name : kContentHeaders) {
        if (auto value = request.header(name)) {
            std::string stored = name == "Content-Encoding" ? stored_encoding(*value) : std::string(*value);
            if (!stored.empty()) {
                a.content_headers.emplace_back(std::string(name), std::move(stored));
            }
        }
    }
    constexpr std::string_view kMeta = "x-amz-meta-";
    for (const auto& [name, value] : request.headers.fields()) {
        if (name.size() > kMeta.size() && iequals(std::string_view(name).substr(0, kMeta.size()), kMeta)) {
            a.metadata.emplace_back(to_lower(std::string_view(name).substr(kMeta.size())), value);
        }
    }
    if (auto storage = request.header("x-amz-storage-class"); storage && !storage->empty()) {
        a.storage_class = std::string(*storage);
    }
    return a;
}

std::string xml_timestamp(TimePoint t) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.000Z", std::chrono::time_point_cast<std::chrono::seconds>(t));
}

std::string http_date(TimePoint t) {
    return fmt::format("{:%a, %d %b %Y %H:%M:%S} GMT", std::chrono::time_point_cast<std::chrono::seconds>(t));
}

std::string canonical_user_id(std::string_view account) { return hex_encode(sha256(account)); }

http::Response xml_response(int status, std::string body) {
    return http::Response::text(status, std::move(body), std::string(kXmlContentType));
}

std::string error_xml(const AwsError& error, std::string_view request_id, std::string_view host_id) {
    XmlWriter w("Error", "");
    w.leaf("Code", error.name()).leaf("Message", error.message());
    for (const auto& [name, value] : error.extra()) {
        w.leaf(name, value);
    }
    w.leaf("RequestId", request_id).leaf("HostId", host_id);
    return w.finish();
}

std::string notification_configuration_xml(const NotificationConfiguration& config) {
    XmlWriter w("NotificationConfiguration");
    for (const auto& c : config.lambda) {
        w.open("CloudFunctionConfiguration").leaf("Id", c.id).leaf("CloudFunction", c.function_arn);
        for (const auto& event : c.events) {
            w.leaf("Event", event);
        }
        if (!c.filter_rules.empty()) {
            w.open("Filter").open("S3Key");
            for (const auto& rule : c.filter_rules) {
                w.open("FilterRule").leaf("Name", rule.name).leaf("Value", rule.value).close("FilterRule");
            }
            w.close("S3Key").close("Filter");
        }
        w.close("CloudFunctionConfiguration");
    }
    return w.finish();
}

std::string list_buckets_xml(const std::vector<BucketInfo>& buckets, std::string_view owner_id,
                             std::string_view prefix) {
    XmlWriter w("ListAllMyBucketsResult");
    w.open("Owner").leaf("ID", owner_id).close("Owner");
    w.open("Buckets");
    for (const auto& b : buckets) {
        w.open("Bucket").leaf("Name", b.name).leaf("CreationDate", xml_timestamp(b.created));
        w.leaf("BucketRegion", b.region).close("Bucket");
    }
    w.close("Buckets");
    if (!prefix.empty()) {
        w.leaf("Prefix", prefix);
    }
    return w.finish();
}

std::string list_objects_xml(const ListRender& r, const ListPage& page) {
    const auto& q = r.query;
    XmlWriter w("ListBucketResult");
    w.leaf("Name", r.bucket).leaf("Prefix", encode_if(r.url_encoding, q.prefix));
    if (!r.v2) {
        w.leaf("Marker", encode_if(r.url_encoding, q.start_after));
        if (page.truncated && !q.delimiter.empty()) {
            w.leaf("NextMarker", encode_if(r.url_encoding, page.last_returned));
        }
    }
    w.leaf("MaxKeys", std::to_string(q.max_keys));
    if (!q.delimiter.empty()) {
        w.leaf("Delimiter", encode_if(r.url_encoding, q.delimiter));
    }
    if (r.url_encoding) {
        w.leaf("EncodingType", "url");
    }
    if (r.v2) {
        w.leaf("KeyCount", std::to_string(page.count()));
        if (r.continuation_token) {
            w.leaf("ContinuationToken", *r.continuation_token);
        }
        if (page.truncated) {
            w.leaf("NextContinuationToken", encode_continuation_token(page.last_returned));
        }
        if (!q.start_after.empty()) {
            w.leaf("StartAfter", encode_if(r.url_encoding, q.start_after));
        }
    }
    w.leaf("IsTruncated", page.truncated ? "true" : "false");
    for (const auto& object : page.contents) {
        write_contents(w, *object, r);
    }
    for (const auto& prefix : page.common_prefixes) {
        w.open("CommonPrefixes").leaf("Prefix", encode_if(r.url_encoding, prefix)).close("CommonPrefixes");
    }
    return w.finish();
}

std::string delete_result_xml(const DeleteRequest& request) {
    XmlWriter w("DeleteResult");
    if (!request.quiet) {
        for (const auto& key : request.keys) {
            w.open("Deleted").leaf("Key", key).close("Deleted");
        }
    }
    return w.finish();
}

std::string copy_result_xml(const S3Object& object) {
    XmlWriter w("CopyObjectResult");
    w.leaf("LastModified", xml_timestamp(object.last_modified)).leaf("ETag", object.etag);
    if (const auto& checksum = object.attributes.checksum) {
        w.leaf("ChecksumType", "FULL_OBJECT");
        std::string name = "Checksum" + std::string(checksum_name(checksum->algorithm));
        w.leaf(name, checksum->value);
    }
    return w.finish();
}

void write_checksum_headers(http::Response& response, const std::optional<Checksum>& checksum) {
    if (checksum) {
        response.headers.set(checksum_header(checksum->algorithm), checksum->value);
        response.headers.set("x-amz-checksum-type", "FULL_OBJECT");
    }
}

void write_object_headers(http::Response& response, const S3Object& object, bool with_checksum) {
    const auto& a = object.attributes;
    response.headers.set("Content-Type", a.content_type);
    response.headers.set("ETag", object.etag);
    response.headers.set("Last-Modified", http_date(object.last_modified));
    response.headers.set("Accept-Ranges", "bytes");
    response.headers.set("x-amz-server-side-encryption", "AES256");
    for (const auto& [name, value] : a.content_headers) {
        response.headers.set(name, value);
    }
    for (const auto& [name, value] : a.metadata) {
        response.headers.add("x-amz-meta-" + name, value);
    }
    if (a.storage_class != "STANDARD") {
        response.headers.set("x-amz-storage-class", a.storage_class);
    }
    if (with_checksum) {
        write_checksum_headers(response, a.checksum);
    }
}

}  // namespace lemu::routers::s3
