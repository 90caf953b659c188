#include "domain/brain_requests.hpp"

#include "domain/limits.hpp"
#include "domain/request_decoding.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>

namespace coursedist::domain {

namespace json = boost::json;
using namespace decoding;

namespace {

// BRAiN's CreateDistributionRequest is the API's create request with everything but the version
// required and without an outline.
const Members<CreateRequest>& brain_create_members() {
    static const Members<CreateRequest> members = [] {
        Members<CreateRequest> out;
        for (auto member : create_members()) {
            if (member.name == "outline") continue;
            if (member.name != "version") member.presence = Presence::Required;
            out.push_back(std::move(member));
        }
        return out;
    }();
    return members;
}

struct DerivedContent {
    std::optional<std::string> title_override;
    std::optional<std::string> description_override;
    std::optional<std::vector<std::string>> target_group_override;
    std::map<std::string, std::string> example_replacements;
    std::optional<std::vector<std::string>> module_filters;
    std::optional<std::string> additional_context;
};

// MicroNicheDerivationRequest as BRAiN's callers send it.
struct MicroNicheBody {
    std::string parent_course_id;
    std::string new_slug;
    std::string language;
    DerivedContent derived_content;
    Seo seo;
    Cta cta;
    std::vector<std::string> target_group;
};

const Members<DerivedContent>& derived_content_members() {
    using D = DerivedContent;
    static const Members<D> members{
        member("title_override", &D::title_override, text()),
        member("description_override", &D::description_override, text()),
        member("target_group_override", &D::target_group_override, texts()),
        member("example_replacements", &D::example_replacements, text_map()),
        member("module_filters", &D::module_filters, texts()),
        member("additional_context", &D::additional_context, text(limits::kAdditionalContextMax)),
    };
    return members;
}

const Members<MicroNicheBody>& micro_niche_members() {
    using B = MicroNicheBody;
    static const Members<B> members{
        member("parent_course_id", &B::parent_course_id, text(), Presence::Required),
        member("new_slug", &B::new_slug, text(), Presence::Required),
        member("language", &B::language, text(), Presence::Required),
        member("derived_content", &B::derived_content, object_of(derived_content_members()),
               Presence::Required),
        member("seo", &B::seo, object_of(seo_members()), Presence::Required),
        member("cta", &B::cta, object_of(cta_members()), Presence::Required),
        member("target_group", &B::target_group, target_groups(true), Presence::Required),
    };
    return members;
}

// An empty override leaves target_group in force, as in BRAiN.
bool overrides_target_group(const MicroNicheBody& body) {
    const auto& groups = body.derived_content.target_group_override;
    return groups && !groups->empty();
}

VariantRequest variant_request(const MicroNicheBody& body) {
    const auto& derived = body.derived_content;
    VariantRequest v;
    v.slug = body.new_slug;
    v.language = body.language;
    v.title_override = derived.title_override;
    v.description_override = derived.description_override;
    v.target_group =
        overrides_target_group(body) ? *derived.target_group_override : body.target_group;
    v.seo = body.seo;
    v.cta = body.cta;
    v.additional_context = derived.additional_context;
    v.module_filters = derived.module_filters;
    return v;
}

// `from` (and everything inside it, `from.x`, `from[i]`) renamed `to`.
void rename_field(FieldErrors& errors, std::string_view from, std::string_view to) {
    for (auto& e : errors) {
        const std::string_view field = e.field;
        if (!field.starts_with(from)) continue;
        const auto rest = field.substr(from.size());
        if (rest.empty() || rest.front() == '.' || rest.front() == '[')
            e.field = std::string(to) + std::string(rest);
    }
}

// The variant's rules under the names of the body that describes it.
FieldErrors micro_niche_rules(const MicroNicheBody& body) {
    auto errors = variant_rules(variant_request(body));
    rename_field(errors, "slug", "new_slug");
    rename_field(errors, "title_override", "derived_content.title_override");
    rename_field(errors, "description_override", "derived_content.description_override");
    if (overrides_target_group(body))
        rename_field(errors, "target_group", "derived_content.target_group_override");
    return errors;
}

}  // namespace

Decoded<CreateRequest> decode_brain_create(const json::value& body) {
    return decode_body(body, brain_create_members(), create_rules);
}

Decoded<MicroNicheRequest> decode_micro_niche(const json::value& body) {
    auto decoded = decode_body(body, micro_niche_members(), micro_niche_rules);
    // Decoded: the rules too, before the service would report them under its own names.
    if (decoded.ok()) decoded.errors = micro_niche_rules(decoded.value);
    Decoded<MicroNicheRequest> out;
    out.errors = std::move(decoded.errors);
    out.value.parent_id = std::move(decoded.value.parent_course_id);
    out.value.variant = variant_request(decoded.value);
    return out;
}

}  // namespace coursedist::domain
