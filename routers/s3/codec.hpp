#pragma once
// S3's REST-XML wire shapes (botocore `s3` model) to and from the domain types of sources/s3.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/aws_error.hpp"
#include "routers/http/request.hpp"
#include "routers/http/response.hpp"
#include "sources/s3/bucket_store.hpp"

namespace lemu::routers::s3 {

inline constexpr std::string_view kXmlContentType = "application/xml";

AwsError malformed_xml();

// ---- requests ----
// CreateBucketConfiguration's LocationConstraint; nullopt for an empty body or no element.
std::optional<std::string> parse_location_constraint(std::string_view body);
sources::s3::NotificationConfiguration parse_notification_configuration(std::string_view body);
struct DeleteRequest {
    std::vector<std::string> keys;
    bool quiet = false;
};
DeleteRequest parse_delete(std::string_view body);
std::vector<sources::s3::CompletedPart> parse_complete_multipart(std::string_view body);
// Content-Type, content headers, x-amz-meta-*, storage class of an upload.
sources::s3::ObjectAttributes object_attributes(const http::Request& request);

// ---- responses ----
std::string xml_timestamp(TimePoint t);  // 2024-01-02T03:04:05.000Z
std::string http_date(TimePoint t);      // Tue, 02 Jan 2024 03:04:05 GMT
std::string canonical_user_id(std::string_view account);

http::Response xml_response(int status, std::string body);
std::string error_xml(const AwsError& error, std::string_view request_id, std::string_view host_id);
std::string notification_configuration_xml(const sources::s3::NotificationConfiguration& config);
std::string list_buckets_xml(const std::vector<sources::s3::BucketInfo>& buckets, std::string_view owner_id,
                             std::string_view prefix);

struct ListRender {
    bool v2 = true;
    std::string bucket;
    sources::s3::ListQuery query;
    bool url_encoding = false;
    bool fetch_owner = false;
    std::optional<std::string> continuation_token;  // as the client sent it
    std::string owner_id;
};
std::string list_objects_xml(const ListRender& render, const sources::s3::ListPage& page);
std::string delete_result_xml(const DeleteRequest& request);
std::string copy_result_xml(const sources::s3::S3Object& object);

// GetObject/HeadObject headers (not Content-Length); the checksum only when asked for.
void write_object_headers(http::Response& response, const sources::s3::S3Object& object, bool with_checksum);
void write_checksum_headers(http::Response& response, const std::optional<sources::s3::Checksum>& checksum);

}  // namespace lemu::routers::s3
