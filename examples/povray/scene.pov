// A box with a wood image map turning a quarter turn over the animation, beside a red sphere.
// Render on the mesh: scripts/rendermesh submit examples/povray/scene.pov --frames 1-24 --wait
#include "colors.inc"
camera { location <0, 1.5, -4> look_at <0, 0.5, 0> }
light_source { <3, 5, -4> color White }
plane { y, 0 pigment { checker White Gray50 } }
box { <-0.6, 0, -0.6>, <0.6, 1.2, 0.6>
  pigment { image_map { png "textures/wood.png" interpolate 2 } scale 1.2 translate <-0.6, 0, 0> }
  rotate y * clock * 90 }
sphere { <1.6, 0.5, 0>, 0.5 pigment { color Red } finish { phong 0.8 } }
