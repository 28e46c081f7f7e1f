# Builds a small turntable scene (a bevelled cube and a sphere on a floor, a light, a camera
# circling them over 24 frames) and saves it as the .blend named after "--".
#   blender -b --factory-startup --python examples/blender/make_scene.py -- examples/blender/turntable.blend
import math
import sys

import bpy

out = sys.argv[sys.argv.index("--") + 1] if "--" in sys.argv else "turntable.blend"
bpy.ops.wm.read_factory_settings(use_empty=True)
scene = bpy.context.scene
scene.frame_start, scene.frame_end = 1, 24


def material(name, rgb):
    m = bpy.data.materials.new(name)
    m.use_nodes = True
    m.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = (*rgb, 1.0)
    return m


bpy.ops.mesh.primitive_plane_add(size=10)
bpy.context.object.data.materials.append(material("floor", (0.8, 0.8, 0.8)))
bpy.ops.mesh.primitive_cube_add(size=1.2, location=(-0.8, 0, 0.6))
bpy.ops.object.modifier_add(type="BEVEL")
bpy.context.object.data.materials.append(material("cube", (0.1, 0.35, 0.9)))
bpy.ops.mesh.primitive_uv_sphere_add(radius=0.5, location=(0.9, 0.2, 0.5))
bpy.ops.object.shade_smooth()
bpy.context.object.data.materials.append(material("sphere", (0.9, 0.25, 0.1)))

bpy.ops.object.light_add(type="AREA", location=(2, -2, 4))
bpy.context.object.data.energy = 600
bpy.context.object.data.size = 2

bpy.ops.object.empty_add(location=(0, 0, 0.5))
target = bpy.context.object
bpy.ops.object.camera_add(location=(0, -7, 3))
cam = bpy.context.object
cam.constraints.new("TRACK_TO").target = target
scene.camera = cam
# the camera circles the objects: keyframe its position on frames 1 and 24 via a parent empty
bpy.ops.object.empty_add(location=(0, 0, 0))
pivot = bpy.context.object
cam.parent = pivot
pivot.rotation_euler = (0, 0, 0)
pivot.keyframe_insert("rotation_euler", frame=1)
pivot.rotation_euler = (0, 0, math.radians(90))
pivot.keyframe_insert("rotation_euler", frame=24)

world = bpy.data.worlds.new("world")
world.color = (0.05, 0.06, 0.08)
scene.world = world
scene.render.engine = "CYCLES"
scene.cycles.samples = 16
scene.cycles.use_denoising = False
scene.render.resolution_x, scene.render.resolution_y = 640, 360
bpy.ops.wm.save_as_mainfile(filepath=out)
print("saved", out)
