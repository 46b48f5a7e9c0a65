#include "scene/scene_document.hpp"

#include <algorithm>

namespace sc::scene {

std::string_view languageKey(Language language) {
  return language == Language::ZhCN ? "zh-CN" : "en";
}

const std::string& textFor(const LocalizedText& text, Language language) {
  return language == Language::ZhCN ? text.zh : text.en;
}

std::string_view gestureName(Gesture gesture) {
  switch (gesture) {
    case Gesture::None: return "none";
    case Gesture::Point: return "point";
    case Gesture::Wave: return "wave";
    case Gesture::Present: return "present";
  }
  return "none";
}

namespace {
template <typename T>
const T* findById(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const PointOfInterest* SceneDocument::findPoi(std::string_view id) const {
  return findById(pois, id);
}
const Tour* SceneDocument::findTour(std::string_view id) const { return findById(tours, id); }
const ModelInstance* SceneDocument::findModel(std::string_view id) const {
  return findById(models, id);
}

}  // namespace sc::scene
