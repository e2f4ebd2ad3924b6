<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CommuneDialog</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="25"/>
        <source>New scene from a commune&apos;s folder</source>
        <translation>New scene from a commune&apos;s folder</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="28"/>
        <source>Commune outlines found in the folder: {}</source>
        <translation>Commune outlines found in the folder: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="32"/>
        <source>The whole folder (no commune)</source>
        <translation>The whole folder (no commune)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="40"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="41"/>
        <source>Commune (INSEE code or name):</source>
        <translation>Commune (INSEE code or name):</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="46"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="47"/>
        <source>Buffer around the commune</source>
        <translation>Buffer around the commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="48"/>
        <source>Buffer around the commune:</source>
        <translation>Buffer around the commune:</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="53"/>
        <source>Build the scene</source>
        <translation>Build the scene</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="54"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="76"/>
        <source>No commune “{}” in this folder: pick one in the list.</source>
        <translation>No commune “{}” in this folder: pick one in the list.</translation>
    </message>
</context>
<context>
    <name>CommuneWizard</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="97"/>
        <source>Looking for the communes&apos; outlines…</source>
        <translation>Looking for the communes&apos; outlines…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="103"/>
        <source>No scene built</source>
        <translation>No scene built</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="118"/>
        <source>Building the scene…</source>
        <translation>Building the scene…</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="287"/>
        <source>Layers</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="304"/>
        <source>Wheelchair access</source>
        <translation>Wheelchair access</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="304"/>
        <source>Hearing</source>
        <translation>Hearing</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="305"/>
        <source>Sight</source>
        <translation>Sight</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="305"/>
        <source>Mental disability</source>
        <translation>Mental disability</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="310"/>
        <location filename="../../twin/_qt/kiosk.py" line="311"/>
        <source>Show or hide: {}</source>
        <translation>Show or hide: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="314"/>
        <source>Touch to explore: one finger turns, two fingers move, pinch to zoom</source>
        <translation>Touch to explore: one finger turns, two fingers move, pinch to zoom</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="317"/>
        <source>Tourist information</source>
        <translation>Tourist information</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="318"/>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="319"/>
        <location filename="../../twin/_qt/kiosk.py" line="320"/>
        <source>Back to the start view</source>
        <translation>Back to the start view</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="322"/>
        <location filename="../../twin/_qt/kiosk.py" line="323"/>
        <source>Show or hide the layers&apos; buttons</source>
        <translation>Show or hide the layers&apos; buttons</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="328"/>
        <location filename="../../twin/_qt/kiosk.py" line="329"/>
        <source>Play the tour: {}</source>
        <translation>Play the tour: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="335"/>
        <location filename="../../twin/_qt/kiosk.py" line="336"/>
        <source>Only places suited to: {}</source>
        <translation>Only places suited to: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="341"/>
        <source>3D view of the town</source>
        <translation>3D view of the town</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="88"/>
        <source>Administration: enter the PIN</source>
        <translation>Administration: enter the PIN</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="89"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="91"/>
        <location filename="../../twin/_qt/kiosk_pin.py" line="92"/>
        <source>Digit {}</source>
        <translation>Digit {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="93"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="94"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="95"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="96"/>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="97"/>
        <source>Leave the kiosk</source>
        <translation>Leave the kiosk</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="98"/>
        <source>Reload the scene</source>
        <translation>Reload the scene</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="99"/>
        <source>Back to the kiosk</source>
        <translation>Back to the kiosk</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="113"/>
        <location filename="../../twin/_qt/kiosk_pin.py" line="125"/>
        <source>Too many attempts: try again in {} s</source>
        <translation>Too many attempts: try again in {} s</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="127"/>
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
</context>
<context>
    <name>PresentWindow</name>
    <message>
        <location filename="../../twin/_qt/present.py" line="49"/>
        <source>twin — presentation</source>
        <translation>twin — presentation</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="147"/>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="180"/>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="183"/>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="185"/>
        <source>No project variant to compare</source>
        <translation>No project variant to compare</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="191"/>
        <source>Sun: %1</source>
        <translation>Sun: %1</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="231"/>
        <source>Some layers could not be loaded</source>
        <translation>Some layers could not be loaded</translation>
    </message>
</context>
</TS>
