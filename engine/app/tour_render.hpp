#pragma once
// `shancheng render SCENE --tour`: the guided tour rendered headless to numbered PNG frames, with
// the guide walking, turning, pointing and speaking in view, subtitles drawn in (engine/ui), and
// the narration mixed into a WAV (guide::renderToWav). Also the tour's fallback on a machine
// without a display (`shancheng tour` without a window: keyMomentsOnly).
//
// The tour runs on a fixed clock: the director is stepped at 30 Hz (finer when fps > 30), frame
// k shows time k / fps, and all speech is synthesised before the first frame, so two runs give
// the same frames and the same WAV. The camera is the director's companion camera (smooth moves
// between stops, the guide in front of what it explains); the guide looks at that camera.
#include <string>

#include "app/render_command.hpp"

namespace sc::app {

struct TourRenderRequest {
  RenderRequest render;           // input (a scene file), size, gpu, msaa, validation, time of day...
  std::string outDir = "out/tour";
  std::string audioOut;           // WAV file for the narration mix; empty = none
  double seconds = 0.0;           // length of the video; 0 = the whole tour (until it finishes + 1 s)
  double fps = 10.0;              // frames per second of the video, (0, 60]
  std::string language = "both";  // zh | en | both
  float maxWalkMetres = 12.0f;    // longer routes are shortened (TourDirectorOptions::maxWalkMetres)
  // Only a few frames per stop (walking, pointing, speaking) instead of every 1/fps: the
  // headless fallback of `shancheng tour`. Names: NNN-<poi>-<moment>.png.
  bool keyMomentsOnly = false;
  bool subtitles = true;          // draw the subtitle rows (needs engine/ui's CJK font)
  bool speech = true;             // false: silent narrations (no espeak-ng needed)
  double maxTourSeconds = 1200.0; // safety cap for seconds = 0
};

// Frames go to outDir/frame_NNNNN.png (or the key-moment names), the narration of every stop and
// the list of frames and speech cues to outDir/tour.txt. Exit codes as runRender.
int runTourRender(const TourRenderRequest& request);

}  // namespace sc::app
