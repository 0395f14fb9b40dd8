#include "emulator/durable/execution_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "emulator/core/log.hpp"
#include "emulator/durable/journal_codec.hpp"

namespace lemu::durable {

using nlohmann::json;

namespace {

constexpr int kFormatVersion = 1;
constexpr std::string_view kSuffix = ".jsonl";

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// Writes all of `bytes` to `path` (appending or truncating) and makes it durable.
void write_durably(const std::filesystem::path& path, std::string_view bytes, bool append) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) {
        fail("cannot open", path);
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int saved = errno;
            ::close(fd);
            errno = saved;
            fail("cannot write", path);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fdatasync(fd) != 0) {
        int saved = errno;
        ::close(fd);
        errno = saved;
        fail("cannot sync", path);
    }
    ::close(fd);
}

void sync_directory(const std::filesystem::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void apply_header(const json& j, ExecutionRecord& r) {
    r.status = parse_execution_status(j.at("status").get<std::string>()).value();
    r.end_timestamp = j.contains("end") ? std::optional(from_epoch_millis(j.at("end").get<std::int64_t>())) : std::nullopt;
    r.result = j.contains("result") ? std::optional(j.at("result").get<std::string>()) : std::nullopt;
    r.error = j.contains("error") ? std::optional(journal::error_from(j.at("error"))) : std::nullopt;
    r.changed = j.at("changed").get<std::vector<std::string>>();
    r.invoke_requested = j.at("invoke_requested").get<bool>();
    r.retry_at =
        j.contains("retry_at") ? std::optional(from_epoch_millis(j.at("retry_at").get<std::int64_t>())) : std::nullopt;
    r.consecutive_failures = j.at("failures").get<int>();
    r.in_flight.reset();
    if (j.contains("in_flight")) {
        const json& f = j.at("in_flight");
        r.in_flight = InFlightInvocation{f.at("request_id").get<std::string>(),
                                         from_epoch_millis(f.at("started").get<std::int64_t>())};
    }
    r.next_sequence = j.at("next_sequence").get<std::uint64_t>();
    r.parent.reset();
    if (j.contains("parent")) {
        const json& p = j.at("parent");
        r.parent = ParentLink{p.at("arn").get<std::string>(), p.at("op").get<std::string>(), p.at("notified").get<bool>()};
    }
}

void apply_line(const json& j, ExecutionRecord& r) {
    apply_header(j, r);
    for (const json& o : j.at("ops")) {
        Operation op = journal::operation_from(o);
        auto it = std::find_if(r.operations.begin(), r.operations.end(),
                               [&](const Operation& existing) { return existing.id == op.id; });
        if (it != r.operations.end()) {
            *it = std::move(op);
        } else {
            r.operations.push_back(std::move(op));
        }
    }
    for (const json& e : j.at("events")) {
        r.history.push_back(journal::event_from(e));
    }
}

}  // namespace

ExecutionJournal::ExecutionJournal(std::filesystem::path dir) : dir_(std::move(dir)) {
    std::filesystem::create_directories(dir_);
}

std::filesystem::path ExecutionJournal::path_for(const std::string& execution_id) const {
    return dir_ / (execution_id + std::string(kSuffix));
}

std::string ExecutionJournal::encode(const ExecutionRecord& r, const ExecutionDelta& delta, bool first) {
    json j = json::object();
    j["v"] = kFormatVersion;
    if (first) {
        j["identity"] = journal::to_json(r.identity);
    }
    j["status"] = to_string(r.status);
    if (r.end_timestamp) {
        j["end"] = epoch_millis(*r.end_timestamp);
    }
    if (r.result) {
        j["result"] = *r.result;
    }
    if (r.error) {
        j["error"] = journal::to_json(*r.error);
    }
    j["changed"] = r.changed;
    j["invoke_requested"] = r.invoke_requested;
    if (r.retry_at) {
        j["retry_at"] = epoch_millis(*r.retry_at);
    }
    j["failures"] = r.consecutive_failures;
    if (r.in_flight) {
        j["in_flight"] = {{"request_id", r.in_flight->request_id}, {"started", epoch_millis(r.in_flight->started)}};
    }
    j["next_sequence"] = r.next_sequence;
    if (r.parent) {
        j["parent"] = {{"arn", r.parent->arn}, {"op", r.parent->operation_id}, {"notified", r.parent->notified}};
    }
    json ops = json::array();
    for (const Operation& op : delta.operations) {
        ops.push_back(journal::to_json(op));
    }
    json events = json::array();
    for (const HistoryEvent& e : delta.events) {
        events.push_back(journal::to_json(e));
    }
    j["ops"] = std::move(ops);
    j["events"] = std::move(events);
    return j.dump() + "\n";
}

bool ExecutionJournal::replay(const std::string& content, ExecutionRecord& out, std::size_t& good_bytes) {
    good_bytes = 0;
    bool have_identity = false;
    std::size_t pos = 0;
    while (pos < content.size()) {
        std::size_t nl = content.find('\n', pos);
        if (nl == std::string::npos) {
            break;  // torn: the write of this line never completed
        }
        json line = json::parse(std::string_view(content).substr(pos, nl - pos), nullptr, false);
        if (line.is_discarded() || !line.is_object() || (!have_identity && !line.contains("identity"))) {
            break;
        }
        try {
            if (!have_identity) {
                out.identity = journal::identity_from(line.at("identity"));
                have_identity = true;
            }
            apply_line(line, out);
        } catch (const std::exception&) {
            break;
        }
        pos = nl + 1;
        good_bytes = pos;
    }
    std::sort(out.operations.begin(), out.operations.end(),
              [](const Operation& a, const Operation& b) { return a.sequence < b.sequence; });
    return have_identity;
}

void ExecutionJournal::append(const ExecutionRecord& record, const ExecutionDelta& delta, bool first) {
    std::filesystem::path path = path_for(record.identity.id);
    write_durably(path, encode(record, delta, first), !first);
    if (first) {
        sync_directory(dir_);
    }
}

void ExecutionJournal::remove(const std::string& execution_id) {
    std::error_code ignored;
    std::filesystem::remove(path_for(execution_id), ignored);
}

void ExecutionJournal::compact(const ExecutionRecord& record) {
    ExecutionDelta all{record.operations, record.history};
    std::filesystem::path path = path_for(record.identity.id);
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    write_durably(tmp, encode(record, all, true), false);
    std::filesystem::rename(tmp, path);
    sync_directory(dir_);
}

std::vector<ExecutionRecord> ExecutionJournal::load() {
    std::vector<ExecutionRecord> records;
    auto logger = log::get("durable");
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
        const std::filesystem::path& path = entry.path();
        if (path.extension() == ".tmp") {
            std::filesystem::remove(path);  // a compaction that never got renamed
            continue;
        }
        if (path.extension() != kSuffix) {
            continue;
        }
        std::ifstream in(path, std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string content = buffer.str();
        ExecutionRecord record;
        std::size_t good = 0;
        if (!replay(content, record, good)) {
            logger->warn("dropping durable journal {} (its first record is incomplete)", path.filename().string());
            std::filesystem::remove(path);
            continue;
        }
        if (good < content.size()) {
            logger->warn("durable journal {}: ignoring a torn last record ({} bytes)", path.filename().string(),
                         content.size() - good);
        }
        compact(record);
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace lemu::durable
