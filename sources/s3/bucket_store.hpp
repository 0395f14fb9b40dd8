#pragma once
// S3's buckets and objects, in memory (DESIGN.md §8). Thread-safe: one mutex, tiny critical
// sections; object bytes are immutable and shared, so readers copy a pointer, never the data.
//
// Object changes are matched against the bucket's notification configuration; each match becomes
// one S3 event document handed to the S3EventSink after the lock is released.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/account_region.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/s3/destination_validator.hpp"
#include "sources/s3/event_sink.hpp"
#include "sources/s3/listing.hpp"
#include "sources/s3/multipart_upload.hpp"
#include "sources/s3/notification_configuration.hpp"
#include "sources/s3/s3_event.hpp"
#include "sources/s3/s3_object.hpp"

namespace lemu::sources::s3 {

inline constexpr std::size_t kMaxKeyBytes = 1024;

struct BucketInfo {
    std::string name;
    std::string region;
    TimePoint created;
};

class BucketStore {
public:
    BucketStore(const Clock& clock, Random& random, AccountRegion home,
                const NotificationDestinationValidator& validator, S3EventSink& sink);

    // `endpoint_region` is the region the request was signed for; `location_constraint` the
    // CreateBucketConfiguration's (nullopt when absent). Re-creating an owned bucket is 409
    // BucketAlreadyOwnedByYou, except in us-east-1 without a constraint (idempotent).
    BucketInfo create_bucket(const std::string& name, std::string_view endpoint_region,
                             const std::optional<std::string>& location_constraint);
    BucketInfo head_bucket(std::string_view name) const;
    bool has_bucket(std::string_view name) const;
    std::vector<BucketInfo> list_buckets() const;
    void delete_bucket(std::string_view name);

    ObjectPtr put_object(std::string_view bucket, const std::string& key, std::string bytes,
                         ObjectAttributes attributes, const RequestInfo& request);
    ObjectPtr get_object(std::string_view bucket, std::string_view key) const;
    // Deleting a missing key succeeds (and notifies nobody).
    void delete_object(std::string_view bucket, std::string_view key, const RequestInfo& request);
    void delete_objects(std::string_view bucket, const std::vector<std::string>& keys, const RequestInfo& request);
    // `replace`: the REPLACE metadata directive's attributes; nullopt copies the source's (COPY).
    ObjectPtr copy_object(std::string_view source_bucket, std::string_view source_key, std::string_view bucket,
                          const std::string& key, std::optional<ObjectAttributes> replace, const RequestInfo& request);
    ListPage list_objects(std::string_view bucket, const ListQuery& query) const;

    // Validates (statically, then every destination unless skipped) and replaces the whole
    // configuration; on any error nothing changes.
    void put_notification_configuration(std::string_view bucket, NotificationConfiguration config,
                                        bool skip_destination_validation);
    NotificationConfiguration notification_configuration(std::string_view bucket) const;

    // Multipart uploads (bucket_store_multipart.cpp).
    MultipartUpload create_multipart_upload(std::string_view bucket, const std::string& key,
                                            ObjectAttributes attributes);
    UploadedPart upload_part(std::string_view bucket, std::string_view key, std::string_view upload_id,
                             int part_number, std::string bytes, std::optional<Checksum> checksum);
    ObjectPtr complete_multipart_upload(std::string_view bucket, std::string_view key, std::string_view upload_id,
                                        const std::vector<CompletedPart>& parts, const RequestInfo& request);
    void abort_multipart_upload(std::string_view bucket, std::string_view key, std::string_view upload_id);
    MultipartUpload list_parts(std::string_view bucket, std::string_view key, std::string_view upload_id) const;
    std::vector<MultipartUpload> list_multipart_uploads(std::string_view bucket) const;

    const AccountRegion& home() const { return home_; }

private:
    struct Bucket {
        BucketInfo info;
        ObjectMap objects;
        NotificationConfiguration notifications;
        std::map<std::string, MultipartUpload, std::less<>> uploads;
    };
    struct PendingEvent {
        S3EventRecord record;
        std::string function_arn;
    };

    Bucket& bucket_locked(std::string_view name);
    const Bucket& bucket_locked(std::string_view name) const;
    ObjectPtr make_object(const std::string& key, std::shared_ptr<const std::string> bytes, std::string etag,
                          ObjectAttributes attributes) const;
    // Under the lock: the events `event_name` on `key` causes, one per matching configuration.
    void collect_events(const Bucket& bucket, std::string_view event_name, const std::string& key,
                        const S3Object* object, const RequestInfo& request, std::vector<PendingEvent>& out);
    // Outside the lock.
    void publish(std::vector<PendingEvent> events);

    const Clock& clock_;
    Random& random_;
    AccountRegion home_;
    const NotificationDestinationValidator& validator_;
    S3EventSink& sink_;
    std::string owner_id_;

    mutable std::mutex mutex_;
    std::map<std::string, Bucket, std::less<>> buckets_;
    std::uint64_t last_sequencer_ = 0;
};

AwsError no_such_bucket(std::string_view name);
AwsError no_such_key(std::string_view key);

}  // namespace lemu::sources::s3
