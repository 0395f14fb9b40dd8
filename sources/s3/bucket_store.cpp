#include "sources/s3/bucket_store.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/log.hpp"
#include "sources/s3/bucket_rules.hpp"

namespace lemu::sources::s3 {
namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("s3");
    return instance;
}

TimePoint whole_seconds(TimePoint t) { return std::chrono::time_point_cast<std::chrono::seconds>(t); }

void check_key(std::string_view key) {
    if (key.size() > kMaxKeyBytes) {
        throw AwsError(ErrorCode::KeyTooLongError, "Your key is too long")
            .with("Size", std::to_string(key.size()))
            .with("MaxSizeAllowed", std::to_string(kMaxKeyBytes));
    }
}

}  // namespace

AwsError no_such_bucket(std::string_view name) {
    return AwsError(ErrorCode::NoSuchBucket, "The specified bucket does not exist").with("BucketName", std::string(name));
}

AwsError no_such_key(std::string_view key) {
    return AwsError(ErrorCode::NoSuchKey, "The specified key does not exist.").with("Key", std::string(key));
}

BucketStore::BucketStore(const Clock& clock, Random& random, AccountRegion home,
                         const NotificationDestinationValidator& validator, S3EventSink& sink)
    : clock_(clock),
      random_(random),
      home_(std::move(home)),
      validator_(validator),
      sink_(sink),
      owner_id_(owner_principal_id(home_.account)) {}

BucketStore::Bucket& BucketStore::bucket_locked(std::string_view name) {
    auto it = buckets_.find(name);
    if (it == buckets_.end()) {
        throw no_such_bucket(name);
    }
    return it->second;
}

const BucketStore::Bucket& BucketStore::bucket_locked(std::string_view name) const {
    auto it = buckets_.find(name);
    if (it == buckets_.end()) {
        throw no_such_bucket(name);
    }
    return it->second;
}

BucketInfo BucketStore::create_bucket(const std::string& name, std::string_view endpoint_region,
                                      const std::optional<std::string>& location_constraint) {
    if (!is_valid_bucket_name(name)) {
        throw AwsError(ErrorCode::InvalidBucketName, "The specified bucket is not valid.").with("BucketName", name);
    }
    std::string region = resolve_bucket_region(endpoint_region, location_constraint);
    std::lock_guard lock(mutex_);
    if (auto it = buckets_.find(name); it != buckets_.end()) {
        if (region == "us-east-1" && it->second.info.region == "us-east-1" && !location_constraint) {
            return it->second.info;
        }
        throw AwsError(ErrorCode::BucketAlreadyOwnedByYou,
                       "Your previous request to create the named bucket succeeded and you already own it.")
            .with("BucketName", name);
    }
    Bucket bucket;
    bucket.info = BucketInfo{name, region, whole_seconds(clock_.now())};
    BucketInfo info = bucket.info;
    buckets_.emplace(name, std::move(bucket));
    logger()->info("created bucket {} in {}", name, region);
    return info;
}

BucketInfo BucketStore::head_bucket(std::string_view name) const {
    std::lock_guard lock(mutex_);
    return bucket_locked(name).info;
}

bool BucketStore::has_bucket(std::string_view name) const {
    std::lock_guard lock(mutex_);
    return buckets_.contains(name);
}

std::vector<BucketInfo> BucketStore::list_buckets() const {
    std::lock_guard lock(mutex_);
    std::vector<BucketInfo> out;
    out.reserve(buckets_.size());
    for (const auto& [name, bucket] : buckets_) {
        out.push_back(bucket.info);
    }
    return out;
}

void BucketStore::delete_bucket(std::string_view name) {
    std::lock_guard lock(mutex_);
    Bucket& bucket = bucket_locked(name);
    if (!bucket.objects.empty()) {
        throw AwsError(ErrorCode::BucketNotEmpty, "The bucket you tried to delete is not empty")
            .with("BucketName", std::string(name));
    }
    buckets_.erase(buckets_.find(name));
    logger()->info("deleted bucket {}", name);
}

ObjectPtr BucketStore::make_object(const std::string& key, std::shared_ptr<const std::string> bytes,
                                   std::string etag, ObjectAttributes attributes) const {
    auto object = std::make_shared<S3Object>();
    object->key = key;
    object->size = bytes->size();
    object->etag = etag.empty() ? "\"" + hex_encode(md5(*bytes)) + "\"" : std::move(etag);
    object->bytes = std::move(bytes);
    object->last_modified = whole_seconds(clock_.now());
    object->attributes = std::move(attributes);
    return object;
}

ObjectPtr BucketStore::put_object(std::string_view bucket_name, const std::string& key, std::string bytes,
                                  ObjectAttributes attributes, const RequestInfo& request) {
    check_key(key);
    // Hashing happens before the lock: it is the slow part.
    ObjectPtr object = make_object(key, std::make_shared<const std::string>(std::move(bytes)), {}, std::move(attributes));
    std::vector<PendingEvent> events;
    {
        std::lock_guard lock(mutex_);
        Bucket& bucket = bucket_locked(bucket_name);
        bucket.objects.insert_or_assign(key, object);
        collect_events(bucket, "ObjectCreated:Put", key, object.get(), request, events);
    }
    publish(std::move(events));
    return object;
}

ObjectPtr BucketStore::get_object(std::string_view bucket_name, std::string_view key) const {
    std::lock_guard lock(mutex_);
    const Bucket& bucket = bucket_locked(bucket_name);
    auto it = bucket.objects.find(key);
    if (it == bucket.objects.end()) {
        throw no_such_key(key);
    }
    return it->second;
}

void BucketStore::delete_object(std::string_view bucket_name, std::string_view key, const RequestInfo& request) {
    delete_objects(bucket_name, {std::string(key)}, request);
}

void BucketStore::delete_objects(std::string_view bucket_name, const std::vector<std::string>& keys,
                                 const RequestInfo& request) {
    std::vector<PendingEvent> events;
    {
        std::lock_guard lock(mutex_);
        Bucket& bucket = bucket_locked(bucket_name);
        for (const auto& key : keys) {
            auto it = bucket.objects.find(key);
            if (it == bucket.objects.end()) {
                continue;
            }
            bucket.objects.erase(it);
            collect_events(bucket, "ObjectRemoved:Delete", key, nullptr, request, events);
        }
    }
    publish(std::move(events));
}

ObjectPtr BucketStore::copy_object(std::string_view source_bucket, std::string_view source_key,
                                   std::string_view bucket_name, const std::string& key,
                                   std::optional<ObjectAttributes> replace, const RequestInfo& request) {
    check_key(key);
    ObjectPtr source = get_object(source_bucket, source_key);
    if (source_bucket == bucket_name && source_key == key && !replace) {
        throw AwsError(ErrorCode::InvalidRequest,
                       "This copy request is illegal because it is trying to copy an object to itself without "
                       "changing the object's metadata, storage class, website redirect location or encryption "
                       "attributes.");
    }
    ObjectAttributes attributes = replace ? std::move(*replace) : source->attributes;
    if (replace) {
        attributes.checksum = source->attributes.checksum;  // same bytes, same checksum
    }
    // A copy has the bytes' MD5 as its ETag, even when the source was assembled from parts.
    ObjectPtr object = make_object(key, source->bytes, {}, std::move(attributes));
    std::vector<PendingEvent> events;
    {
        std::lock_guard lock(mutex_);
        Bucket& bucket = bucket_locked(bucket_name);
        bucket.objects.insert_or_assign(key, object);
        collect_events(bucket, "ObjectCreated:Copy", key, object.get(), request, events);
    }
    publish(std::move(events));
    return object;
}

ListPage BucketStore::list_objects(std::string_view bucket_name, const ListQuery& query) const {
    std::lock_guard lock(mutex_);
    return list_page(bucket_locked(bucket_name).objects, query);
}

void BucketStore::put_notification_configuration(std::string_view bucket_name, NotificationConfiguration config,
                                                 bool skip_destination_validation) {
    head_bucket(bucket_name);
    validate_configuration(config, random_);
    if (!skip_destination_validation) {
        // Every failing destination is reported, numbered in configuration order (fact 39).
        AwsError error(ErrorCode::InvalidArgument, "Unable to validate the following destination configurations");
        int failures = 0;
        for (const auto& c : config.lambda) {
            NotificationDestination destination{c.function_arn, std::string(bucket_name),
                                                "arn:aws:s3:::" + std::string(bucket_name), home_.account};
            if (!validator_.allows(destination)) {
                ++failures;
                error.with(fmt::format("ArgumentName{}", failures), c.function_arn + ", null")
                    .with(fmt::format("ArgumentValue{}", failures),
                          fmt::format("Not authorized to invoke function [{}]", c.function_arn));
            }
        }
        if (failures > 0) {
            logger()->info("notification configuration of {} rejected: {} destination(s) not invokable by S3",
                           bucket_name, failures);
            throw error;
        }
    }
    std::lock_guard lock(mutex_);
    bucket_locked(bucket_name).notifications = std::move(config);
}

NotificationConfiguration BucketStore::notification_configuration(std::string_view bucket_name) const {
    std::lock_guard lock(mutex_);
    return bucket_locked(bucket_name).notifications;
}

void BucketStore::collect_events(const Bucket& bucket, std::string_view event_name, const std::string& key,
                                 const S3Object* object, const RequestInfo& request,
                                 std::vector<PendingEvent>& out) {
    if (bucket.notifications.empty()) {
        return;
    }
    const std::string full_name = "s3:" + std::string(event_name);
    const std::string event_key = encode_event_key(key);
    std::string sequencer;
    for (const auto& config : bucket.notifications.lambda) {
        if (!configuration_matches(config, full_name, event_key)) {
            continue;
        }
        if (sequencer.empty()) {
            // Strictly increasing across the store, roughly following time, so events on a key sort.
            auto nanos = static_cast<std::uint64_t>(
                std::chrono::duration_cast<std::chrono::nanoseconds>(clock_.now().time_since_epoch()).count());
            last_sequencer_ = std::max(last_sequencer_ + 1, nanos);
            sequencer = format_sequencer(last_sequencer_);
        }
        S3EventRecord record;
        record.event_name = std::string(event_name);
        record.time = clock_.now();
        record.region = bucket.info.region;
        record.bucket = bucket.info.name;
        record.bucket_owner_id = owner_id_;
        record.key = key;
        if (object != nullptr) {
            record.size = object->size;
            record.etag = object->unquoted_etag();
        }
        record.sequencer = sequencer;
        record.configuration_id = config.id;
        record.request = request;
        out.push_back(PendingEvent{std::move(record), config.function_arn});
    }
}

void BucketStore::publish(std::vector<PendingEvent> events) {
    for (auto& pending : events) {
        S3EventDelivery delivery;
        delivery.function_arn = std::move(pending.function_arn);
        delivery.payload = build_s3_event(pending.record);
        delivery.source_arn = "arn:aws:s3:::" + pending.record.bucket;
        delivery.source_account = home_.account;
        delivery.bucket = pending.record.bucket;
        delivery.key = pending.record.key;
        delivery.event_name = pending.record.event_name;
        delivery.configuration_id = pending.record.configuration_id;
        delivery.request_id = pending.record.request.request_id;
        logger()->info("{} on s3://{}/{} -> {} (configuration {})", delivery.event_name, delivery.bucket,
                       delivery.key, delivery.function_arn, delivery.configuration_id);
        try {
            sink_.deliver(std::move(delivery));
        } catch (const std::exception& e) {
            // Delivery problems never fail the S3 request that caused the event (fact 43).
            logger()->error("S3 event delivery failed: {}", e.what());
        }
    }
}

}  // namespace lemu::sources::s3
