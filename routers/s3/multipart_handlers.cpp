// S3Router: multipart uploads (what `aws s3 cp` and boto3's upload_file use above 8 MiB).

#include "emulator/core/text.hpp"
#include "routers/s3/codec.hpp"
#include "routers/s3/payload.hpp"
#include "routers/s3/s3_router.hpp"
#include "routers/s3/xml.hpp"

namespace lemu::routers::s3 {

using namespace lemu::sources::s3;

namespace {

int part_number(const http::Request& request) {
    std::string text = request.query_param("partNumber").value_or("");
    std::optional<int> value = parse_number<int>(text);
    if (!value) {
        throw AwsError(ErrorCode::InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive")
            .with("ArgumentName", "partNumber")
            .with("ArgumentValue", text);
    }
    return *value;
}

std::string upload_id(const http::Request& request) { return request.query_param("uploadId").value_or(""); }

}  // namespace

http::Response S3Router::create_multipart_upload(http::Request& request, const S3Context&) {
    const std::string& bucket = request.param("Bucket");
    ObjectAttributes attributes = object_attributes(request);
    MultipartUpload upload = store_.create_multipart_upload(bucket, request.param("Key"), std::move(attributes));
    XmlWriter w("InitiateMultipartUploadResult");
    w.leaf("Bucket", bucket).leaf("Key", upload.key).leaf("UploadId", upload.upload_id);
    return xml_response(200, w.finish());
}

http::Response S3Router::upload_part(http::Request& request, const S3Context&) {
    int number = part_number(request);
    Payload payload = read_payload(request);
    UploadedPart part = store_.upload_part(request.param("Bucket"), request.param("Key"), upload_id(request), number,
                                           std::move(payload.bytes), payload.checksum);
    http::Response response = http::Response::empty(200);
    response.headers.set("ETag", part.etag);
    response.headers.set("x-amz-server-side-encryption", "AES256");
    if (part.checksum) {
        response.headers.set(checksum_header(part.checksum->algorithm), part.checksum->value);
    }
    return response;
}

http::Response S3Router::complete_multipart_upload(http::Request& request, const S3Context& context) {
    const std::string& bucket = request.param("Bucket");
    Payload payload = read_payload(request);
    auto parts = parse_complete_multipart(payload.bytes);
    ObjectPtr object =
        store_.complete_multipart_upload(bucket, request.param("Key"), upload_id(request), parts, context.info());
    std::string host(request.header("Host").value_or("localhost"));
    XmlWriter w("CompleteMultipartUploadResult");
    w.leaf("Location", "http://" + host + "/" + bucket + "/" + object->key);
    w.leaf("Bucket", bucket).leaf("Key", object->key).leaf("ETag", object->etag);
    http::Response response = xml_response(200, w.finish());
    response.headers.set("x-amz-server-side-encryption", "AES256");
    return response;
}

http::Response S3Router::abort_multipart_upload(http::Request& request, const S3Context&) {
    store_.abort_multipart_upload(request.param("Bucket"), request.param("Key"), upload_id(request));
    return http::Response::empty(204);
}

http::Response S3Router::list_parts(http::Request& request, const S3Context&) {
    const std::string& bucket = request.param("Bucket");
    MultipartUpload upload = store_.list_parts(bucket, request.param("Key"), upload_id(request));
    XmlWriter w("ListPartsResult");
    w.leaf("Bucket", bucket).leaf("Key", upload.key).leaf("UploadId", upload.upload_id);
    w.leaf("PartNumberMarker", "0");
    if (!upload.parts.empty()) {
        w.leaf("NextPartNumberMarker", std::to_string(upload.parts.rbegin()->first));
    }
    w.leaf("MaxParts", "1000").leaf("IsTruncated", "false");
    for (const auto& [number, part] : upload.parts) {
        w.open("Part").leaf("PartNumber", std::to_string(number)).leaf("LastModified", xml_timestamp(part.last_modified));
        w.leaf("ETag", part.etag).leaf("Size", std::to_string(part.size)).close("Part");
    }
    w.leaf("StorageClass", upload.attributes.storage_class);
    return xml_response(200, w.finish());
}

http::Response S3Router::list_multipart_uploads(http::Request& request, const S3Context&) {
    const std::string& bucket = request.param("Bucket");
    XmlWriter w("ListMultipartUploadsResult");
    w.leaf("Bucket", bucket).leaf("KeyMarker", "").leaf("UploadIdMarker", "").leaf("MaxUploads", "1000");
    w.leaf("IsTruncated", "false");
    for (const auto& upload : store_.list_multipart_uploads(bucket)) {
        w.open("Upload").leaf("Key", upload.key).leaf("UploadId", upload.upload_id);
        w.leaf("Initiated", xml_timestamp(upload.initiated)).leaf("StorageClass", upload.attributes.storage_class);
        w.close("Upload");
    }
    return xml_response(200, w.finish());
}

}  // namespace lemu::routers::s3
