#version 460
#extension GL_EXT_multiview : require
#include "common.glsl"
#include "material.glsl"
#include "scene_output.glsl"

layout(location = 0) in vec3 inWorldPos;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec4 inUv;
layout(location = 4) in vec4 inColor;
layout(location = 5) in float inViewDepth;

layout(location = 0) out vec4 outColor;

float distributionGgx(float nDotH, float alpha) {
  float a2 = alpha * alpha;
  float d = nDotH * nDotH * (a2 - 1.0) + 1.0;
  return a2 / (PI * d * d);
}

// Height-correlated Smith visibility (includes the 1 / (4 n.l n.v) term).
float visibilitySmith(float nDotL, float nDotV, float alpha) {
  float a2 = alpha * alpha;
  float gv = nDotL * sqrt(nDotV * nDotV * (1.0 - a2) + a2);
  float gl = nDotV * sqrt(nDotL * nDotL * (1.0 - a2) + a2);
  return 0.5 / max(gv + gl, 1e-5);
}

vec3 fresnelSchlick(vec3 f0, float vDotH) {
  return f0 + (1.0 - f0) * pow(1.0 - vDotH, 5.0);
}

vec3 brdf(vec3 n, vec3 v, vec3 l, vec3 diffuseColor, vec3 f0, float alpha) {
  vec3 h = normalize(v + l);
  float nDotL = clamp(dot(n, l), 0.0, 1.0);
  float nDotV = clamp(abs(dot(n, v)), 1e-4, 1.0);
  float nDotH = clamp(dot(n, h), 0.0, 1.0);
  float vDotH = clamp(dot(v, h), 0.0, 1.0);
  vec3 f = fresnelSchlick(f0, vDotH);
  vec3 specular = f * distributionGgx(nDotH, alpha) * visibilitySmith(nDotL, nDotV, alpha);
  vec3 diffuse = (1.0 - f) * diffuseColor / PI;
  return (diffuse + specular) * nDotL;
}

// The shadow filter: 0 = 3x3 taps (GPUs), 1 = 2x2 taps half a texel apart (CPU rasterisers:
// lavapipe runs the taps for every pixel of a SIMD vector, even when all of them left early,
// e.g. beyond the shadow distance; the nine taps were about a tenth of its frame of the
// landmark). Set by the renderer (renderer_setup.cpp).
layout(constant_id = 0) const uint kShadowFilter = 0;
// 0: no shadow lookup compiled in, for draws that lie wholly beyond the last cascade (where the
// lookup returns 1 anyway) or frames without a shadow pass; lavapipe pays for the call's taps
// even when every pixel leaves early (about a quarter of its frame of the landmark). The
// renderer picks the variant per draw (ViewPipelines::pbr, shadowsReach).
layout(constant_id = 1) const uint kShadowLookup = 1;

// Cascaded shadow lookup with PCF (hardware compare gives bilinear taps).
float sunShadow(vec3 worldPos, vec3 n) {
  int cascade = kCascades - 1;
  for (int i = 0; i < kCascades; ++i) {
    if (inViewDepth < frame.cascadeFar[i]) { cascade = i; break; }
  }
  if (inViewDepth > frame.cascadeFar[kCascades - 1]) return 1.0;
  float texel = frame.params.z;
  // Normal offset grows with the cascade's coverage to avoid acne on slopes.
  vec3 offsetPos = worldPos + n * (0.02 * float(cascade + 1) * (1.0 + float(cascade)));
  vec4 clip = frame.cascadeViewProj[cascade] * vec4(offsetPos, 1.0);
  vec3 coord = clip.xyz / clip.w;
  vec2 uv = coord.xy * 0.5 + 0.5;
  // Keep the PCF kernel inside the cascade's own tile of the atlas.
  float margin = 2.0 * texel * 2.0;
  if (any(lessThan(uv, vec2(margin))) || any(greaterThan(uv, vec2(1.0 - margin)))) return 1.0;
  vec2 atlasUv = (uv + vec2(cascade % 2, cascade / 2)) * 0.5;
  float depthRef = coord.z - 0.0005;
  if (kShadowFilter == 1u) {
    float sum = 0.0;
    for (int y = 0; y < 2; ++y) {
      for (int x = 0; x < 2; ++x) {
        sum += texture(shadowMap, vec3(atlasUv + (vec2(x, y) - 0.5) * texel, depthRef));
      }
    }
    return sum * 0.25;
  }
  float sum = 0.0;
  for (int y = -1; y <= 1; ++y) {
    for (int x = -1; x <= 1; ++x) {
      sum += texture(shadowMap, vec3(atlasUv + vec2(x, y) * texel, coord.z - 0.0005));
    }
  }
  return sum / 9.0;
}

// Split-sum environment BRDF, analytic fit (Karis, "Physically Based Shading on Mobile").
vec3 envBrdfApprox(vec3 f0, float roughness, float nDotV) {
  const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
  const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
  vec4 r = roughness * c0 + c1;
  float a004 = min(r.x * r.x, exp2(-9.28 * nDotV)) * r.x + r.y;
  vec2 ab = vec2(-1.04, 1.04) * a004 + r.zw;
  return f0 * ab.x + ab.y;
}

void main() {
  vec4 baseColor = material.baseColorFactor * inColor;
  if (textureUsed(kTexBaseColor)) {
    baseColor *= texture(baseColorTexture, textureUv(kTexBaseColor, inUv));
  }
  int alphaMode = int(material.alpha.y);
  if (alphaMode == 1 && baseColor.a < material.alpha.x) discard;
  if (alphaMode == 0) baseColor.a = 1.0;

  vec3 v = normalize(frame.views[viewIndex()].eye.xyz - inWorldPos);
  vec3 n = normalize(inNormal);
  if (!gl_FrontFacing) n = -n;  // double-sided: light the back face with its own normal
  if (textureUsed(kTexNormal)) {
    vec3 t = inTangent.xyz - n * dot(n, inTangent.xyz);
    if (dot(t, t) > 1e-8) {
      t = normalize(t);
      vec3 b = cross(n, t) * (inTangent.w < 0.0 ? -1.0 : 1.0);
      if (!gl_FrontFacing) b = -b;
      vec3 tn = texture(normalTexture, textureUv(kTexNormal, inUv)).xyz * 2.0 - 1.0;
      tn.xy *= material.pbr.z;
      n = normalize(mat3(t, b, n) * tn);
    }
  }

  if (material.alpha.z > 0.5) {  // KHR_materials_unlit
    outColor = sceneOutput(vec4(baseColor.rgb * baseColor.a, baseColor.a));
    return;
  }

  float metallic = material.pbr.x;
  float roughness = material.pbr.y;
  if (textureUsed(kTexMetallicRoughness)) {
    vec4 mr = texture(metallicRoughnessTexture, textureUv(kTexMetallicRoughness, inUv));
    roughness *= mr.g;
    metallic *= mr.b;
  }
  roughness = clamp(roughness, 0.04, 1.0);
  metallic = clamp(metallic, 0.0, 1.0);
  float alpha = roughness * roughness;
  vec3 f0 = mix(vec3(0.04), baseColor.rgb, metallic);
  vec3 diffuseColor = baseColor.rgb * (1.0 - metallic);

  vec3 color = vec3(0.0);
  // The sun (or moon at night).
  vec3 sunDir = frame.sunDirection.xyz;
  if (frame.sunDirection.w > 0.0 && dot(n, sunDir) > 0.0) {
    float shadow = 1.0;
    if (kShadowLookup == 1u) shadow = sunShadow(inWorldPos, normalize(inNormal) * (gl_FrontFacing ? 1.0 : -1.0));
    color += brdf(n, v, sunDir, diffuseColor, f0, alpha) * frame.sunColor.rgb * frame.sunDirection.w * shadow;
  }
  // KHR_lights_punctual point and spot lights, inverse-square falloff with a smooth range window.
  int lightCount = int(frame.params.y);
  for (int i = 0; i < lightCount; ++i) {
    PunctualLight light = lights[i];
    vec3 toLight = light.positionRange.xyz - inWorldPos;
    float dist2 = max(dot(toLight, toLight), 1e-4);
    vec3 l = toLight * inversesqrt(dist2);
    float attenuation = 1.0 / dist2;
    float range = light.positionRange.w;
    if (range > 0.0) {
      float r = sqrt(dist2) / range;
      attenuation *= clamp(1.0 - r * r * r * r, 0.0, 1.0);
    }
    if (light.directionType.w > 0.5) {
      float cd = dot(normalize(light.directionType.xyz), -l);
      float s = clamp((cd - light.cone.x) * light.cone.y, 0.0, 1.0);
      attenuation *= s * s;
    }
    if (attenuation <= 0.0) continue;
    color += brdf(n, v, l, diffuseColor, f0, alpha) * light.colorIntensity.rgb * light.colorIntensity.w * attenuation;
  }

  // Ambient light from the sky: hemisphere irradiance for diffuse, the sky seen in the
  // reflection direction (softened towards the horizon colour with roughness) for specular.
  float ao = 1.0;
  if (textureUsed(kTexOcclusion)) {
    float sampled = texture(occlusionTexture, textureUv(kTexOcclusion, inUv)).r;
    ao = 1.0 + material.pbr.w * (sampled - 1.0);
  }
  float up = n.y * 0.5 + 0.5;
  vec3 irradiance = mix(frame.groundColor.rgb, mix(frame.skyHorizon.rgb, frame.skyZenith.rgb, 0.5), up) *
                    frame.skyZenith.w;
  vec3 r = reflect(-v, n);
  vec3 prefiltered = mix(skyRadiance(r, false), irradiance, roughness);
  float nDotV = clamp(abs(dot(n, v)), 1e-4, 1.0);
  color += (diffuseColor * irradiance + prefiltered * envBrdfApprox(f0, roughness, nDotV)) * ao;

  vec3 emissive = material.emissive.rgb;
  if (textureUsed(kTexEmissive)) emissive *= texture(emissiveTexture, textureUv(kTexEmissive, inUv)).rgb;
  color += emissive;

  // Aerial perspective: exponential fog towards the horizon colour.
  if (kFog == 1u) {
    float fogAmount = 1.0 - exp(-frame.fog.w * inViewDepth);
    color = mix(color, frame.fog.rgb * frame.skyZenith.w, fogAmount);
  }

  outColor = vec4(color * baseColor.a, baseColor.a);  // premultiplied for BLEND
  outColor = sceneOutput(outColor);
}
