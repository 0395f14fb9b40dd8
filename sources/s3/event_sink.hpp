#pragma once
// Where S3 hands the events its notification configurations select: one fully built S3 event
// document per (event, matching configuration), addressed to the configured function ARN.

#include <functional>
#include <string>
#include <utility>

namespace lemu::sources::s3 {

struct S3EventDelivery {
    std::string function_arn;      // the configured CloudFunction, qualifier included
    std::string payload;           // {"Records":[{...}]}, see s3_event.hpp
    std::string source_arn;        // "arn:aws:s3:::BUCKET"
    std::string source_account;    // the bucket owner
    std::string bucket;
    std::string key;               // raw object key
    std::string event_name;        // "ObjectCreated:Put"
    std::string configuration_id;
    std::string request_id;        // the S3 request that caused it
};

class S3EventSink {
public:
    virtual ~S3EventSink() = default;
    // Called after the object change, outside the store's lock, on the S3 request's thread. Must
    // return at once: delivery is asynchronous (InvocationType Event) and never fails the request.
    virtual void deliver(S3EventDelivery delivery) = 0;
};

class CallbackEventSink final : public S3EventSink {
public:
    using Deliver = std::function<void(S3EventDelivery)>;
    explicit CallbackEventSink(Deliver deliver) : deliver_(std::move(deliver)) {}
    void deliver(S3EventDelivery delivery) override { deliver_(std::move(delivery)); }

private:
    Deliver deliver_;
};

}  // namespace lemu::sources::s3
