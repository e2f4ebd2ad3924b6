<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>CommuneDialog</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="25"/>
        <source>New scene from a commune&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="28"/>
        <source>Commune outlines found in the folder: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="32"/>
        <source>The whole folder (no commune)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="40"/>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="41"/>
        <source>Commune (INSEE code or name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="46"/>
        <source> m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="47"/>
        <source>Buffer around the commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="48"/>
        <source>Buffer around the commune:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="53"/>
        <source>Build the scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="54"/>
        <source>Cancel</source>
        <translation type="unfinished">Annuleren</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="76"/>
        <source>No commune “{}” in this folder: pick one in the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommuneWizard</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="97"/>
        <source>Looking for the communes&apos; outlines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="103"/>
        <source>No scene built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="118"/>
        <source>Building the scene…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="287"/>
        <source>Layers</source>
        <translation>Lagen</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="304"/>
        <source>Wheelchair access</source>
        <translation>Rolstoel</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="304"/>
        <source>Hearing</source>
        <translation>Gehoor</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="305"/>
        <source>Sight</source>
        <translation>Zicht</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="305"/>
        <source>Mental disability</source>
        <translation>Verstandelijke beperking</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="310"/>
        <location filename="../../twin/_qt/kiosk.py" line="311"/>
        <source>Show or hide: {}</source>
        <translation>Tonen of verbergen: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="314"/>
        <source>Touch to explore: one finger turns, two fingers move, pinch to zoom</source>
        <translation>Raak aan om te verkennen: één vinger draait, twee vingers verschuiven, knijp om te zoomen</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="317"/>
        <source>Tourist information</source>
        <translation>Toeristische informatie</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="318"/>
        <source>Home</source>
        <translation>Begin</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="319"/>
        <location filename="../../twin/_qt/kiosk.py" line="320"/>
        <source>Back to the start view</source>
        <translation>Terug naar het beginbeeld</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="322"/>
        <location filename="../../twin/_qt/kiosk.py" line="323"/>
        <source>Show or hide the layers&apos; buttons</source>
        <translation>Knoppen van de lagen tonen of verbergen</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="328"/>
        <location filename="../../twin/_qt/kiosk.py" line="329"/>
        <source>Play the tour: {}</source>
        <translation>Rondleiding starten: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="335"/>
        <location filename="../../twin/_qt/kiosk.py" line="336"/>
        <source>Only places suited to: {}</source>
        <translation>Alleen plaatsen geschikt voor: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="341"/>
        <source>3D view of the town</source>
        <translation>3D-weergave van de stad</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="88"/>
        <source>Administration: enter the PIN</source>
        <translation>Beheer: voer de pincode in</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="89"/>
        <source>PIN</source>
        <translation>Pincode</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="91"/>
        <location filename="../../twin/_qt/kiosk_pin.py" line="92"/>
        <source>Digit {}</source>
        <translation>Cijfer {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="93"/>
        <source>Delete</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="94"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="95"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="96"/>
        <source>Administration</source>
        <translation>Beheer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="97"/>
        <source>Leave the kiosk</source>
        <translation>Kiosk verlaten</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="98"/>
        <source>Reload the scene</source>
        <translation>Scène opnieuw laden</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="99"/>
        <source>Back to the kiosk</source>
        <translation>Terug naar de kiosk</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="113"/>
        <location filename="../../twin/_qt/kiosk_pin.py" line="125"/>
        <source>Too many attempts: try again in {} s</source>
        <translation>Te veel pogingen: probeer opnieuw over {} s</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="127"/>
        <source>Wrong PIN</source>
        <translation>Onjuiste pincode</translation>
    </message>
</context>
<context>
    <name>PresentWindow</name>
    <message>
        <location filename="../../twin/_qt/present.py" line="49"/>
        <source>twin — presentation</source>
        <translation>twin — presentatie</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="147"/>
        <source>Paused</source>
        <translation>Gepauzeerd</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="180"/>
        <source>Before</source>
        <translation>Voor</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="183"/>
        <source>After</source>
        <translation>Na</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="185"/>
        <source>No project variant to compare</source>
        <translation>Geen projectvariant om te vergelijken</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="191"/>
        <source>Sun: %1</source>
        <translation>Zon: %1</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="231"/>
        <source>Some layers could not be loaded</source>
        <translation>Sommige lagen konden niet worden geladen</translation>
    </message>
</context>
</TS>
