#include "service/seed_json.hpp"

#include "domain/json_codec.hpp"
#include "domain/model_decoding.hpp"
#include "domain/validation.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace coursedist::service {

namespace json = boost::json;
using domain::Distribution;

namespace {

constexpr const char* kDistributionsFile = "distributions.json";
constexpr const char* kSlugIndexFile = "slug_index.json";
constexpr const char* kDerivationsFile = "derivations.json";

json::object read_object_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    json::stream_parser parser;
    std::string chunk(1 << 20, '\0');
    boost::system::error_code ec;
    while (!ec && in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        parser.write(chunk.data(), static_cast<std::size_t>(in.gcount()), ec);
    }
    if (!ec && in.bad()) throw std::runtime_error("cannot read " + path.string());
    if (!ec) parser.finish(ec);
    if (ec) throw std::runtime_error(path.string() + " is not JSON: " + ec.message());
    auto value = parser.release();
    if (!value.is_object()) throw std::runtime_error(path.string() + " must be a JSON object");
    return std::move(value.as_object());
}

void write_file_atomically(const std::filesystem::path& path, const json::value& value) {
    const auto temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << json::serialize(value) << "\n";
        if (!out) throw std::runtime_error("cannot write " + temporary);
    }
    std::filesystem::rename(temporary, path);
}

// One record of distributions.json through the model's own decoder (every problem reported, the
// rules included). The seed writes its enum values in either case, and a record may leave out its
// id (the key is the id).
std::optional<Distribution> decode_record(const std::string& key, json::value& value,
                                          std::vector<std::string>& reasons) {
    if (!value.is_object()) {
        reasons.push_back("record: must be a JSON object");
        return std::nullopt;
    }
    auto& record = value.as_object();
    if (auto* visibility = record.if_contains("visibility"); visibility && visibility->is_string())
        for (auto& c : visibility->as_string())
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (const auto* id = record.if_contains("distribution_id"); id == nullptr || id->is_null()) {
        record["distribution_id"] = key;
    } else if (!(id->is_string() && id->as_string() == key)) {
        reasons.push_back("distribution_id: differs from the record's key " + key);
    }
    auto decoded = domain::decode_distribution(value);
    for (const auto& error : decoded.errors) reasons.push_back(error.field + ": " + error.message);
    if (!reasons.empty()) return std::nullopt;
    return std::move(decoded.value);
}

// Oldest first (so on a slug clash the older record wins), each variant after its parent: a
// variant older than its parent follows right after the parent. A variant whose parent is neither
// in the file nor in `existing_ids` is refused, and so is one whose parent was refused (or that is
// part of a cycle). Linear after the sort: each record is placed once, when its parent is. The
// records stay in `valid` (the order points into it).
std::vector<const Distribution*> in_insertion_order(
    const std::map<std::string, Distribution>& valid, const std::set<std::string>& existing_ids,
    SeedImportReport& report) {
    std::vector<const Distribution*> oldest_first;
    oldest_first.reserve(valid.size());
    for (const auto& [key, d] : valid) oldest_first.push_back(&d);
    std::stable_sort(oldest_first.begin(), oldest_first.end(),
                     [](const auto* a, const auto* b) { return a->created_at < b->created_at; });

    std::unordered_set<std::string_view> placed(existing_ids.begin(), existing_ids.end());
    // Variants whose parent is not placed yet, by parent id, oldest first.
    std::unordered_map<std::string_view, std::vector<const Distribution*>> waiting;
    std::vector<const Distribution*> ready;
    std::vector<const Distribution*> order;
    order.reserve(oldest_first.size());
    // Places a record, then the variants that waited for it (and theirs), oldest first.
    const auto place = [&](const Distribution* record) {
        ready.push_back(record);
        while (!ready.empty()) {
            const auto* next = ready.back();
            ready.pop_back();
            order.push_back(next);
            placed.insert(next->distribution_id);
            if (auto node = waiting.extract(next->distribution_id)) {
                ready.insert(ready.end(), node.mapped().rbegin(), node.mapped().rend());
            }
        }
    };
    for (const auto* d : oldest_first) {
        if (!d->derived_from || placed.contains(*d->derived_from)) {
            place(d);
        } else {
            waiting[*d->derived_from].push_back(d);
        }
    }

    std::vector<const Distribution*> unplaced;
    for (const auto& [parent, variants] : waiting)
        unplaced.insert(unplaced.end(), variants.begin(), variants.end());
    std::sort(unplaced.begin(), unplaced.end(), [](const auto* a, const auto* b) {
        return std::tie(a->created_at, a->distribution_id) <
               std::tie(b->created_at, b->distribution_id);
    });
    for (const auto* d : unplaced) {
        report.refused.push_back({d->distribution_id,
                                  {"derived_from: parent " + *d->derived_from +
                                   " is not imported (unknown, refused, or a cycle)"}});
    }
    return order;
}

void check_derived_files(const std::filesystem::path& dir, const json::object& distributions,
                         SeedImportReport& report) {
    if (std::filesystem::exists(dir / kSlugIndexFile)) {
        for (const auto& [slug, id] : read_object_file(dir / kSlugIndexFile)) {
            const auto* record = distributions.if_contains(id.is_string() ? id.as_string() : "");
            const json::value* record_slug = record != nullptr && record->is_object()
                                                 ? record->as_object().if_contains("slug")
                                                 : nullptr;
            if (record_slug == nullptr || *record_slug != json::value(slug)) {
                report.warnings.push_back(std::string(kSlugIndexFile) + ": " + std::string(slug) +
                                          " does not match distributions.json (ignored)");
            }
        }
    }
    if (std::filesystem::exists(dir / kDerivationsFile)) {
        for (const auto& [parent, children] : read_object_file(dir / kDerivationsFile)) {
            if (!children.is_array()) {
                report.warnings.push_back(std::string(kDerivationsFile) + ": " +
                                          std::string(parent) + " is not a list (ignored)");
                continue;
            }
            for (const auto& child : children.as_array()) {
                const auto* record =
                    distributions.if_contains(child.is_string() ? child.as_string() : "");
                const json::value* derived_from =
                    record != nullptr && record->is_object()
                        ? record->as_object().if_contains("derived_from")
                        : nullptr;
                if (derived_from == nullptr || *derived_from != json::value(parent)) {
                    report.warnings.push_back(
                        std::string(kDerivationsFile) + ": " + json::serialize(child) + " under " +
                        std::string(parent) + " does not match distributions.json (ignored)");
                }
            }
        }
    }
}

// The import's counts for its observer.
class ProgressCounter {
  public:
    ProgressCounter(const SeedImportReport& report, const SeedImportObserver& observe)
        : report_(report), observe_(observe) {}

    void start(std::size_t records) { progress_.records = records; }

    void record_read() {
        ++progress_.read;
        notify();
    }

    // After records were imported or refused.
    void notify() {
        if (!observe_) return;
        progress_.imported = report_.imported.size();
        progress_.refused = report_.refused.size();
        observe_(progress_);
    }

  private:
    SeedImportProgress progress_;
    const SeedImportReport& report_;
    const SeedImportObserver& observe_;
};

// A member the model does not have is left out with a warning (a newer seed's field), not refused.
void drop_unknown_fields(const std::string& key, json::value& value, SeedImportReport& report) {
    if (!value.is_object()) return;
    const auto& members = domain::distribution_members();
    auto& record = value.as_object();
    for (auto it = record.begin(); it != record.end();) {
        const bool known = std::any_of(members.begin(), members.end(),
                                       [&](const auto& m) { return m.name == it->key(); });
        if (known) {
            ++it;
            continue;
        }
        report.warnings.push_back(key + ": unknown field " + std::string(it->key()) + " ignored");
        it = record.erase(it);
    }
}

// Decodes every record of distributions.json. Each record's JSON is released once decoded, so
// the file's DOM and the decoded records are never both held whole.
std::map<std::string, Distribution> decode_records(const std::filesystem::path& dir,
                                                   SeedImportReport& report,
                                                   ProgressCounter& progress) {
    auto distributions = read_object_file(dir / kDistributionsFile);
    check_derived_files(dir, distributions, report);
    progress.start(distributions.size());
    std::map<std::string, Distribution> valid;
    for (auto& [key_view, value] : distributions) {
        const std::string key(key_view);
        std::vector<std::string> reasons;
        drop_unknown_fields(key, value, report);
        if (auto d = decode_record(key, value, reasons)) {
            valid.emplace(key, std::move(*d));
        } else {
            report.refused.push_back({key, std::move(reasons)});
        }
        value = nullptr;
        progress.record_read();
    }
    return valid;
}

// Inserts the decoded records in one transaction; a record the store refuses (its id exists, its
// slug is taken) is refused alone.
void insert_records(storage::Store& store, const std::map<std::string, Distribution>& valid,
                    SeedImportReport& report, ProgressCounter& progress) {
    auto tx = store.begin_write();
    std::set<std::string> existing_ids;
    for (const auto& [key, d] : valid) {
        if (d.derived_from && !valid.contains(*d.derived_from) && tx->find(*d.derived_from)) {
            existing_ids.insert(*d.derived_from);
        }
    }
    const auto ordered = in_insertion_order(valid, existing_ids, report);
    progress.notify();
    for (const auto* record : ordered) {
        const auto& d = *record;
        if (tx->find(d.distribution_id)) {
            report.refused.push_back({d.distribution_id, {"distribution_id: already exists"}});
        } else {
            try {
                tx->insert(d);
                report.imported.push_back(d.distribution_id);
            } catch (const storage::SlugTaken&) {
                report.refused.push_back({d.distribution_id, {"slug: " + d.slug + " is taken"}});
            }
        }
        progress.notify();
    }
    tx->commit();
}

}  // namespace

SeedImportReport import_seed_json(storage::Store& store, const std::filesystem::path& dir,
                                  const SeedImportObserver& observe) {
    SeedImportReport report;
    ProgressCounter progress(report, observe);
    const auto valid = decode_records(dir, report, progress);
    insert_records(store, valid, report, progress);
    return report;
}

std::size_t export_seed_json(storage::Store& store, const std::filesystem::path& dir) {
    json::object distributions;
    json::object slug_index;
    json::object derivations;
    std::vector<Distribution> all;
    {
        auto tx = store.begin_read();
        storage::ListQuery query;
        query.limit = 500;
        for (;;) {
            auto page = tx->list(query);
            all.insert(all.end(), page.items.begin(), page.items.end());
            if (!page.next) break;
            query.after = page.next;
        }
    }
    // Oldest first, as the seed appends them.
    std::reverse(all.begin(), all.end());
    for (const auto& d : all) {
        distributions[d.distribution_id] = domain::to_json(d);
        slug_index[d.slug] = d.distribution_id;
        if (d.derived_from) {
            auto& children = derivations[*d.derived_from];
            if (!children.is_array()) children = json::array();
            children.as_array().push_back(json::value(d.distribution_id));
        }
    }
    std::filesystem::create_directories(dir);
    write_file_atomically(dir / kDistributionsFile, distributions);
    write_file_atomically(dir / kSlugIndexFile, slug_index);
    write_file_atomically(dir / kDerivationsFile, derivations);
    return all.size();
}

}  // namespace coursedist::service
