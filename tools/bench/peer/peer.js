// Loads one glTF with three.js's GLTFLoader and renders it the way sc_peer_bench renders it in
// shancheng (same size, camera, sun direction, ACES tone mapping, one sun shadow map, PBR
// materials), then POSTs its timings and the first frame to /result.
//
// Query: model (URL), w, h, frames, msaa (1 or 4), aniso (default 1), camera (JSON from sc_peer_bench: eye,
// target, fovY, near, far, sun). What it measures:
//  - load_ms:  from the start of the glTF request to the first frame finished on the GPU
//    (GLTFLoader fetch + parse + texture decode, scene set-up, shader compile, texture upload,
//    draw, then a 1-pixel readPixels that waits for the GPU). The WebGL context itself is
//    created before the clock starts, as shancheng's Vulkan device is.
//  - frame_ms: each later frame, render + 1-pixel readPixels (a synchronous frame, as
//    sc_peer_bench waits for the GPU after each frame).
import * as THREE from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';

const q = new URLSearchParams(location.search);
const width = Number(q.get('w') || 1280), height = Number(q.get('h') || 720);
const frames = Number(q.get('frames') || 10);
const cam = JSON.parse(q.get('camera'));

async function post(result) {
  await fetch('/result', { method: 'POST', body: JSON.stringify(result) });
}

async function main() {
  const renderer = new THREE.WebGLRenderer({ antialias: Number(q.get('msaa') || 1) > 1, preserveDrawingBuffer: true });
  renderer.setPixelRatio(1);
  renderer.setSize(width, height);
  renderer.toneMapping = THREE.ACESFilmicToneMapping;
  renderer.shadowMap.enabled = true;
  renderer.shadowMap.type = THREE.PCFShadowMap;
  document.body.appendChild(renderer.domElement);
  const gl = renderer.getContext();
  const pixel = new Uint8Array(4);
  const finish = () => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const gpu = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);

  const t0 = performance.now();
  const gltf = await new GLTFLoader().loadAsync(q.get('model'));
  const tParsed = performance.now();
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0.45, 0.62, 0.85);
  scene.add(gltf.scene);
  // Texture filtering as shancheng's device does it: tools/bench.sh passes the anisotropy that
  // sc_peer_bench reports (1 on CPU rasterisers, where shancheng turns it off; 8 on GPUs).
  // Minification comes from the glTF sampler in both (Hongyadong: LINEAR_MIPMAP_LINEAR, trilinear).
  const aniso = Math.min(Number(q.get('aniso') || 1), renderer.capabilities.getMaxAnisotropy());
  const filters = new Set();
  gltf.scene.traverse((o) => {
    if (!o.isMesh) return;
    o.castShadow = true;
    o.receiveShadow = true;
    for (const m of Array.isArray(o.material) ? o.material : [o.material]) {
      for (const key of ['map', 'normalMap', 'roughnessMap', 'metalnessMap', 'emissiveMap', 'aoMap']) {
        if (!m[key]) continue;
        m[key].anisotropy = aniso;
        filters.add(`minFilter ${m[key].minFilter} anisotropy ${m[key].anisotropy}`);
      }
    }
  });
  const camera = new THREE.PerspectiveCamera(cam.fovY * 180 / Math.PI, width / height, cam.near, cam.far);
  camera.position.fromArray(cam.eye);
  camera.lookAt(new THREE.Vector3().fromArray(cam.target));
  // The sun: shancheng's noon sun direction, one 2048^2 shadow map over the model's bounds.
  const box = new THREE.Box3().setFromObject(gltf.scene);
  const radius = box.getSize(new THREE.Vector3()).length() / 2;
  const centre = box.getCenter(new THREE.Vector3());
  const sun = new THREE.DirectionalLight(0xfff4e0, 3.0);
  sun.position.copy(centre).addScaledVector(new THREE.Vector3().fromArray(cam.sun).normalize(), radius * 2);
  sun.target.position.copy(centre);
  sun.castShadow = true;
  sun.shadow.mapSize.set(2048, 2048);
  Object.assign(sun.shadow.camera, { left: -radius, right: radius, top: radius, bottom: -radius, near: 0.1, far: radius * 4 });
  sun.shadow.camera.updateProjectionMatrix();
  scene.add(sun, sun.target, new THREE.HemisphereLight(0xbfd4ff, 0x5a4a3a, 1.0));

  renderer.render(scene, camera);
  finish();
  const loadMs = performance.now() - t0;
  const firstFrame = renderer.domElement.toDataURL('image/png');

  const frameMs = [];
  for (let i = 0; i < 2; ++i) { renderer.render(scene, camera); finish(); }  // warm-up, as shancheng's
  for (let i = 0; i < frames; ++i) {
    const s = performance.now();
    renderer.render(scene, camera);
    finish();
    frameMs.push(performance.now() - s);
  }
  await post({
    ok: true, gpu, three: THREE.REVISION, width, height, anisotropy: aniso, filters: [...filters], load_ms: loadMs, parse_ms: tParsed - t0, frame_ms: frameMs,
    triangles: renderer.info.render.triangles, draws: renderer.info.render.calls,
    textures: renderer.info.memory.textures, png: firstFrame,
  });
}

main().catch((e) => post({ ok: false, error: String(e && e.stack || e) }));
