#pragma once
// Table-driven decoding of untrusted JSON objects: a table names each member and how to read it
// into the target, and one pass over the object reports every failure at once — a wrong JSON
// type, an unknown member, a read-only member, a value outside an enum, a missing required member
// — while the target keeps every value that could be read (so that the rules can still be
// checked on it and reported in the same answer).

#include "domain/json_fields.hpp"
#include "domain/model.hpp"

#include <boost/json/value.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace coursedist::domain::decoding {

enum class Presence {
    Optional,  // absent or null: left as it is
    Required,  // absent or null: "field required"
    ReadOnly,  // present: "read-only field" (the model has it; a request may not set it)
};

// Reads one value of type V, reporting failures under `field`; nullopt when it cannot.
template <typename V>
using ValueReader =
    std::function<std::optional<V>(const boost::json::value&, const std::string&, FieldErrors&)>;

template <typename T>
struct Member {
    std::string_view name;
    Presence presence = Presence::Optional;
    std::function<void(T&, const boost::json::value&, const std::string& field, FieldErrors&)> read;
};

template <typename T>
using Members = std::vector<Member<T>>;

// `prefix.key`, or `key` at the top; the key sanitised to valid UTF-8 (it is echoed back).
std::string member_path(std::string_view prefix, std::string_view key);
// The object `v` is, or null after reporting "must be an object" (the whole body: "request body
// must be a JSON object").
const boost::json::object* object_at(const boost::json::value& v, const std::string& field,
                                     FieldErrors& errors);

// One pass over `v` by `members`.
template <typename T>
void decode_members(const boost::json::value& v, const std::string& prefix,
                    const Members<T>& members, T& out, FieldErrors& errors) {
    const boost::json::object* object = object_at(v, prefix, errors);
    if (!object) return;
    std::vector<bool> seen(members.size(), false);
    for (const auto& entry : *object) {
        const std::string field = member_path(prefix, entry.key());
        std::size_t i = 0;
        while (i < members.size() && members[i].name != entry.key()) ++i;
        if (i == members.size()) {
            errors.push_back({field, "unknown field"});
            continue;
        }
        const auto& member = members[i];
        if (member.presence == Presence::ReadOnly) {
            errors.push_back({field, "read-only field"});
            continue;
        }
        if (entry.value().is_null()) continue;  // null is absent
        seen[i] = true;
        member.read(out, entry.value(), field, errors);
    }
    for (std::size_t i = 0; i < members.size(); ++i)
        if (members[i].presence == Presence::Required && !seen[i])
            errors.push_back({member_path(prefix, members[i].name), "field required"});
}

// A member read into `target` (a plain member, or a std::optional one) by `read`.
template <typename T, typename Target, typename V>
Member<T> member(std::string_view name, Target T::*target, ValueReader<V> read,
                 Presence presence = Presence::Optional) {
    return {name, presence,
            [target, read = std::move(read)](T& out, const boost::json::value& v,
                                             const std::string& field, FieldErrors& errors) {
                if (auto value = read(v, field, errors)) out.*target = std::move(*value);
            }};
}

template <typename T>
Member<T> read_only(std::string_view name) {
    return {name, Presence::ReadOnly, nullptr};
}

// --- Value readers --------------------------------------------------------------------------

ValueReader<std::string> text();
ValueReader<std::string> text(std::size_t max_code_points);  // plus a length rule
ValueReader<std::vector<std::string>> texts();
ValueReader<std::int64_t> integer();
ValueReader<double> number();
ValueReader<std::map<std::string, std::string>> text_map();

// A string naming one of an enum's values: `parse` gives the value, or nullopt → `message`.
template <typename E>
ValueReader<E> one_of(std::optional<E> (*parse)(std::string_view), std::string message) {
    return [parse, message](const boost::json::value& v, const std::string& field,
                            FieldErrors& errors) -> std::optional<E> {
        auto s = read_string(v, field, errors);
        if (!s) return std::nullopt;
        if (auto parsed = parse(*s)) return parsed;
        errors.push_back({field, message});
        return std::nullopt;
    };
}

// A nested object by its own table; what could be read, even when some of it failed.
template <typename V>
ValueReader<V> object_of(const Members<V>& members) {
    return [&members](const boost::json::value& v, const std::string& field,
                      FieldErrors& errors) -> std::optional<V> {
        if (!object_at(v, field, errors)) return std::nullopt;
        V out{};
        decode_members(v, field, members, out, errors);
        return out;
    };
}

// An array of values read by `read` (the elements that could be read).
template <typename V>
ValueReader<std::vector<V>> array_of(ValueReader<V> read, std::string message) {
    return [read = std::move(read), message](const boost::json::value& v, const std::string& field,
                                             FieldErrors& errors) -> std::optional<std::vector<V>> {
        if (!v.is_array()) {
            errors.push_back({field, message});
            return std::nullopt;
        }
        std::vector<V> out;
        const auto& array = v.get_array();
        for (std::size_t i = 0; i < array.size(); ++i)
            if (auto item = read(array[i], indexed(field, i), errors))
                out.push_back(std::move(*item));
        return out;
    };
}

// --- Decoding and the rules, reported together -------------------------------------------

// Adds to `errors` those of `rule_errors` whose field is not already reported — neither the
// same field nor one inside or around it (`seo` failing as a type hides `seo.meta_title`'s
// length rule on the empty value left behind, and the other way round).
void add_rule_errors(FieldErrors& errors, const FieldErrors& rule_errors);

}  // namespace coursedist::domain::decoding
