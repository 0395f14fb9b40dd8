// BucketStore's multipart uploads: parts are kept per upload until CompleteMultipartUpload
// assembles them into one object (ETag = MD5 of the parts' MD5s, "-N").

#include <fmt/format.h>

#include <algorithm>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "sources/s3/bucket_store.hpp"

namespace lemu::sources::s3 {
namespace {

AwsError no_such_upload(std::string_view upload_id) {
    return AwsError(ErrorCode::NoSuchUpload,
                    "The specified upload does not exist. The upload ID may be invalid, or the upload may have "
                    "been aborted or completed.")
        .with("UploadId", std::string(upload_id));
}

std::string unquote(std::string_view etag) {
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
        etag = etag.substr(1, etag.size() - 2);
    }
    return std::string(etag);
}

// The parts' bytes in order and the multipart ETag (MD5 of the parts' binary MD5s, "-N"), after
// the checks CompleteMultipartUpload makes on the list the client sent.
std::pair<std::string, std::string> assemble(const MultipartUpload& upload, const std::vector<CompletedPart>& parts) {
    std::string data;
    std::string digests;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0 && parts[i].number <= parts[i - 1].number) {
            throw AwsError(ErrorCode::InvalidPartOrder,
                           "The list of parts was not in ascending order. Parts must be ordered by part number.")
                .with("UploadId", upload.upload_id);
        }
        auto found = upload.parts.find(parts[i].number);
        if (found == upload.parts.end() || unquote(found->second.etag) != unquote(parts[i].etag)) {
            throw AwsError(ErrorCode::InvalidPart,
                           "One or more of the specified parts could not be found.  The part may not have been "
                           "uploaded, or the specified entity tag may not match the part's entity tag.")
                .with("UploadId", upload.upload_id)
                .with("PartNumber", std::to_string(parts[i].number))
                .with("ETag", parts[i].etag);
        }
        const UploadedPart& part = found->second;
        if (i + 1 < parts.size() && part.size < kMinPartSize) {
            throw AwsError(ErrorCode::EntityTooSmall, "Your proposed upload is smaller than the minimum allowed size")
                .with("ProposedSize", std::to_string(part.size))
                .with("MinSizeAllowed", std::to_string(kMinPartSize))
                .with("PartNumber", std::to_string(part.number))
                .with("ETag", unquote(part.etag));
        }
        data += *part.bytes;
        digests += md5(*part.bytes);
    }
    return {std::move(data), fmt::format("\"{}-{}\"", hex_encode(md5(digests)), parts.size())};
}

}  // namespace

MultipartUpload BucketStore::create_multipart_upload(std::string_view bucket_name, const std::string& key,
                                                     ObjectAttributes attributes) {
    if (key.size() > kMaxKeyBytes) {
        throw AwsError(ErrorCode::KeyTooLongError, "Your key is too long");
    }
    MultipartUpload upload;
    upload.upload_id = base64_encode(random_hex(random_, 48));
    std::erase(upload.upload_id, '=');
    std::replace(upload.upload_id.begin(), upload.upload_id.end(), '+', '-');
    std::replace(upload.upload_id.begin(), upload.upload_id.end(), '/', '_');
    upload.key = key;
    upload.initiated = std::chrono::time_point_cast<std::chrono::seconds>(clock_.now());
    upload.attributes = std::move(attributes);
    std::lock_guard lock(mutex_);
    bucket_locked(bucket_name).uploads.emplace(upload.upload_id, upload);
    return upload;
}

UploadedPart BucketStore::upload_part(std::string_view bucket_name, std::string_view key, std::string_view upload_id,
                                      int part_number, std::string bytes, std::optional<Checksum> checksum) {
    if (part_number < 1 || part_number > kMaxPartNumber) {
        throw AwsError(ErrorCode::InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive")
            .with("ArgumentName", "partNumber")
            .with("ArgumentValue", std::to_string(part_number));
    }
    UploadedPart part;
    part.number = part_number;
    part.size = bytes.size();
    part.etag = "\"" + hex_encode(md5(bytes)) + "\"";
    part.bytes = std::make_shared<const std::string>(std::move(bytes));
    part.last_modified = std::chrono::time_point_cast<std::chrono::seconds>(clock_.now());
    part.checksum = std::move(checksum);
    std::lock_guard lock(mutex_);
    Bucket& bucket = bucket_locked(bucket_name);
    auto it = bucket.uploads.find(upload_id);
    if (it == bucket.uploads.end() || it->second.key != key) {
        throw no_such_upload(upload_id);
    }
    it->second.parts.insert_or_assign(part_number, part);
    return part;
}

ObjectPtr BucketStore::complete_multipart_upload(std::string_view bucket_name, std::string_view key,
                                                 std::string_view upload_id, const std::vector<CompletedPart>& parts,
                                                 const RequestInfo& request) {
    std::vector<PendingEvent> events;
    std::unique_lock lock(mutex_);
    Bucket& bucket = bucket_locked(bucket_name);
    auto it = bucket.uploads.find(upload_id);
    if (it == bucket.uploads.end() || it->second.key != key) {
        throw no_such_upload(upload_id);
    }
    if (parts.empty()) {
        throw AwsError(ErrorCode::MalformedXML,
                       "The XML you provided was not well-formed or did not validate against our published schema");
    }
    const MultipartUpload& upload = it->second;
    auto [data, etag] = assemble(upload, parts);
    ObjectAttributes attributes = upload.attributes;
    attributes.checksum.reset();  // composite checksums of parts are not modelled
    ObjectPtr object = make_object(upload.key, std::make_shared<const std::string>(std::move(data)), std::move(etag),
                         std::move(attributes));
    const std::string object_key = upload.key;
    bucket.uploads.erase(it);
    bucket.objects.insert_or_assign(object_key, object);
    collect_events(bucket, "ObjectCreated:CompleteMultipartUpload", object_key, object.get(), request, events);
    lock.unlock();
    publish(std::move(events));
    return object;
}

void BucketStore::abort_multipart_upload(std::string_view bucket_name, std::string_view key,
                                         std::string_view upload_id) {
    std::lock_guard lock(mutex_);
    Bucket& bucket = bucket_locked(bucket_name);
    auto it = bucket.uploads.find(upload_id);
    if (it == bucket.uploads.end() || it->second.key != key) {
        throw no_such_upload(upload_id);
    }
    bucket.uploads.erase(it);
}

MultipartUpload BucketStore::list_parts(std::string_view bucket_name, std::string_view key,
                                        std::string_view upload_id) const {
    std::lock_guard lock(mutex_);
    const Bucket& bucket = bucket_locked(bucket_name);
    auto it = bucket.uploads.find(upload_id);
    if (it == bucket.uploads.end() || it->second.key != key) {
        throw no_such_upload(upload_id);
    }
    return it->second;
}

std::vector<MultipartUpload> BucketStore::list_multipart_uploads(std::string_view bucket_name) const {
    std::lock_guard lock(mutex_);
    std::vector<MultipartUpload> out;
    for (const auto& [id, upload] : bucket_locked(bucket_name).uploads) {
        out.push_back(upload);
    }
    return out;
}

}  // namespace lemu::sources::s3
