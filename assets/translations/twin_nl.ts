<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>AlgorithmDialog</name>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="153"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="155"/>
        <source>Cancel</source>
        <translation type="unfinished">Annuleren</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="174"/>
        <source>Expression, e.g. &quot;hauteur&quot; &gt; 15 AND &quot;usage_1&quot; = &apos;Résidentiel&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="181"/>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="182"/>
        <source>Select matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="183"/>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="184"/>
        <source>Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="185"/>
        <source>Form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="186"/>
        <source>Export selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="222"/>
        <source>No layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="224"/>
        <source>{} (no table: not loaded, or not a layer of features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="243"/>
        <source>Expression refused at character {}: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="312"/>
        <source>{} selected, {} shown of {} features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="344"/>
        <location filename="../../twin/_qt/attribute_table.py" line="347"/>
        <location filename="../../twin/_qt/attribute_table.py" line="354"/>
        <source>Export selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="344"/>
        <source>Select features first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="348"/>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="387"/>
        <source>Attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="419"/>
        <source>&amp;Attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="422"/>
        <source>&amp;Select features in the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="424"/>
        <source>Click a feature to select it (Ctrl: add), Shift-drag a box; Esc ends</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttributesPanel</name>
    <message>
        <location filename="../../twin/_qt/properties.py" line="464"/>
        <location filename="../../twin/_qt/properties.py" line="471"/>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="464"/>
        <location filename="../../twin/_qt/properties.py" line="471"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../twin/_qt/loader.py" line="180"/>
        <source>Cancel</source>
        <translation type="unfinished">Annuleren</translation>
    </message>
</context>
<context>
    <name>CommuneDialog</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="42"/>
        <source>New scene from a commune&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="45"/>
        <source>Commune outlines found in the folder: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="49"/>
        <source>The whole folder (no commune)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="57"/>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="58"/>
        <source>Commune (INSEE code or name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="31"/>
        <source> m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="32"/>
        <source>Buffer around the commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="33"/>
        <source>Buffer around the commune:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="64"/>
        <source>Build the scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="65"/>
        <source>Cancel</source>
        <translation type="unfinished">Annuleren</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="87"/>
        <source>No commune “{}” in this folder: pick one in the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommuneWizard</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="108"/>
        <source>Looking for the communes&apos; outlines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="114"/>
        <source>No scene built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="129"/>
        <source>Building the scene…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../twin/_qt/kiosk_countdown.py" line="79"/>
        <source>Stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_countdown.py" line="80"/>
        <source>Stay: keep the kiosk as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_countdown.py" line="82"/>
        <source>Nobody there? The kiosk starts again in {} s. Touch the screen to stay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="131"/>
        <source>{} — feature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FetchDialog</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="138"/>
        <source>BD TOPO buildings and land cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="139"/>
        <source>Cadastre parcels (Etalab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="140"/>
        <source>LiDAR HD point clouds (large)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="141"/>
        <source>Terrain (LiDAR HD MNT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="142"/>
        <source>Orthophoto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="146"/>
        <source>New scene from a commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="149"/>
        <source>62041 or Arras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="150"/>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="161"/>
        <source>Commune (INSEE code or name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="174"/>
        <source> m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="175"/>
        <source>Orthophoto pixel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="176"/>
        <source>Orthophoto pixel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="180"/>
        <source>Folder for the downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="181"/>
        <source>Download into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="182"/>
        <source>Type a commune, then Estimate to see what will be downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="186"/>
        <source>Estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="187"/>
        <source>Download and build the scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="188"/>
        <source>Cancel</source>
        <translation type="unfinished">Annuleren</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="225"/>
        <source>No suggestions: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="237"/>
        <source>{} — {}: {} files, about {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="239"/>
        <source>  {}: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="241"/>
        <source>  {}: {} features</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FetchWizard</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="271"/>
        <source>Asking the services what commune {} comes to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="278"/>
        <source>Downloading commune {}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterEdit</name>
    <message>
        <location filename="../../twin/_qt/layer_filter.py" line="18"/>
        <source>all features, or e.g. &quot;hauteur&quot; &gt; 15</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_filter.py" line="19"/>
        <source>Filter expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_filter.py" line="42"/>
        <source>Refused at character {}: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_filter.py" line="53"/>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../twin/_qt/history.py" line="38"/>
        <source>Click a sensor, a footfall column or a building to see its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/history.py" line="87"/>
        <source>{}: no figures to show for this feature in a public scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/history.py" line="89"/>
        <source>{}: no figures to show for this feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/history.py" line="115"/>
        <source>no readings in this period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="172"/>
        <source>{}×{} pixels: each side must be between 16 and {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="173"/>
        <source>lower the size or the DPI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="175"/>
        <source>cannot write &apos;{}&apos; images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="176"/>
        <source>use .png or .pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="188"/>
        <location filename="../../twin/_qt/image_export.py" line="208"/>
        <source>cannot write this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="189"/>
        <location filename="../../twin/_qt/image_export.py" line="209"/>
        <source>choose a folder you can write to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="194"/>
        <source>cannot write ({})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageExportDialog</name>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="220"/>
        <location filename="../../twin/_qt/image_export.py" line="256"/>
        <source>Export image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="224"/>
        <source>pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="225"/>
        <source>millimetres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="234"/>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="235"/>
        <source>Scale bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="236"/>
        <source>North arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="237"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="237"/>
        <source>Size in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="238"/>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="238"/>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="239"/>
        <source>Resolution (DPI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="257"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="274"/>
        <source>Cannot export the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="277"/>
        <source>Image written ({}×{} pixels)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="24"/>
        <source>Join a table to {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="30"/>
        <source>Table file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="32"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="38"/>
        <source>first sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="39"/>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="42"/>
        <source>Same key in both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="43"/>
        <source>Points inside each polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="44"/>
        <location filename="../../twin/_qt/join_dialog.py" line="84"/>
        <source>Join by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="46"/>
        <location filename="../../twin/_qt/join_dialog.py" line="50"/>
        <source>Layer field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="47"/>
        <location filename="../../twin/_qt/join_dialog.py" line="51"/>
        <source>Table column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="52"/>
        <source>X column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="52"/>
        <source>Y column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="53"/>
        <source>Value column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="55"/>
        <source>CRS of the points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="56"/>
        <location filename="../../twin/_qt/join_dialog.py" line="60"/>
        <source>Aggregate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="59"/>
        <source>X (or longitude)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="59"/>
        <source>Y (or latitude)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="60"/>
        <source>CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="61"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="68"/>
        <source>Choose a table (CSV, XLSX or Parquet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="70"/>
        <source>Join preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="71"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="74"/>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="78"/>
        <source>Remove the join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="82"/>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="83"/>
        <source>Sheet (XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="114"/>
        <source>Table to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="115"/>
        <source>Tables ({})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="144"/>
        <source>{} rows, columns: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="150"/>
        <source>choose a table file first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="314"/>
        <source>Layers</source>
        <translation>Lagen</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="331"/>
        <source>Wheelchair access</source>
        <translation>Rolstoel</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="331"/>
        <source>Hearing</source>
        <translation>Gehoor</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="332"/>
        <source>Sight</source>
        <translation>Zicht</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="332"/>
        <source>Mental disability</source>
        <translation>Verstandelijke beperking</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="337"/>
        <location filename="../../twin/_qt/kiosk.py" line="338"/>
        <source>Show or hide: {}</source>
        <translation>Tonen of verbergen: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="341"/>
        <source>Touch to explore: one finger turns, two fingers move, pinch to zoom</source>
        <translation>Raak aan om te verkennen: één vinger draait, twee vingers verschuiven, knijp om te zoomen</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="344"/>
        <source>Tourist information</source>
        <translation>Toeristische informatie</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="345"/>
        <source>Home</source>
        <translation>Begin</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="346"/>
        <location filename="../../twin/_qt/kiosk.py" line="347"/>
        <source>Back to the start view</source>
        <translation>Terug naar het beginbeeld</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="349"/>
        <location filename="../../twin/_qt/kiosk.py" line="350"/>
        <source>Show or hide the layers&apos; buttons</source>
        <translation>Knoppen van de lagen tonen of verbergen</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="355"/>
        <location filename="../../twin/_qt/kiosk.py" line="356"/>
        <source>Play the tour: {}</source>
        <translation>Rondleiding starten: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="362"/>
        <location filename="../../twin/_qt/kiosk.py" line="363"/>
        <source>Only places suited to: {}</source>
        <translation>Alleen plaatsen geschikt voor: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="368"/>
        <source>3D view of the town</source>
        <translation>3D-weergave van de stad</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="371"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="372"/>
        <source>High contrast: white and yellow on black, larger text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../twin/_qt/i18n.py" line="79"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerActions</name>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="68"/>
        <source>&amp;Zoom to layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="68"/>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="69"/>
        <source>&amp;Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="69"/>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="71"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="72"/>
        <source>Add a &amp;basemap…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="74"/>
        <source>&amp;Save style…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="75"/>
        <source>&amp;Load style…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="112"/>
        <source>Plan IGN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="128"/>
        <source>Exporting the points of {}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="129"/>
        <source>{} points written to {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="131"/>
        <source>Export {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="133"/>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="136"/>
        <source>Exporting {}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="137"/>
        <source>{} features written to {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="144"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="150"/>
        <source>Save the style of {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="151"/>
        <location filename="../../twin/_qt/layer_menu.py" line="157"/>
        <source>twin styles (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="152"/>
        <source>Cannot save the style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="156"/>
        <source>Load a style on {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="163"/>
        <source>Style of {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="164"/>
        <source>Cannot load the style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="177"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="190"/>
        <source>&amp;Undo {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="190"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="191"/>
        <source>&amp;Redo {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="191"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerTreeModel</name>
    <message>
        <location filename="../../twin/_qt/layer_tree.py" line="95"/>
        <source>Not loaded: {}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="99"/>
        <source>Report written: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="170"/>
        <source>Layers</source>
        <translation type="unfinished">Lagen</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="170"/>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="171"/>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="171"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="172"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="172"/>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="173"/>
        <source>Sun and shadow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="173"/>
        <source>Python console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="174"/>
        <location filename="../../twin/_qt/main_window.py" line="406"/>
        <source>Tours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="189"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="190"/>
        <source>&amp;Open scene…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="191"/>
        <source>New scene from a co&amp;mmune…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="193"/>
        <source>New scene from a &amp;commune&apos;s folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="195"/>
        <source>&amp;Add data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="196"/>
        <source>&amp;Save scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="197"/>
        <source>Save scene &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="198"/>
        <source>Export &amp;image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="199"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="204"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="206"/>
        <source>P&amp;roject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="211"/>
        <source>&amp;Before / after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="212"/>
        <source>The town today ↔ the last variant shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="215"/>
        <source>&amp;Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="221"/>
        <source>&amp;Tours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="222"/>
        <source>&amp;Tours panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="224"/>
        <source>&amp;Play tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="225"/>
        <source>P&amp;resent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="230"/>
        <source>&amp;Plugins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="231"/>
        <source>Plugin &amp;manager…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="234"/>
        <source>Python &amp;console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="244"/>
        <source>&amp;Home view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="247"/>
        <source>Add &amp;bookmark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="264"/>
        <source>Plugin &apos;{}&apos; failed: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="300"/>
        <source>{} points (budget {})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="302"/>
        <source> · loading {} nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="308"/>
        <source>Still loading; try again when it is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="317"/>
        <source>Loading the other layers in the background…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="334"/>
        <source>Some layers could not be loaded</source>
        <translation type="unfinished">Sommige lagen konden niet worden geladen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../twin/_qt/main_window.py" line="335"/>
        <source>%n layer(s) loaded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../twin/_qt/main_window.py" line="353"/>
        <source>{}: turning %n plain LAS/LAZ file(s) into COPC in the background; the layer will then refine as you zoom</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="359"/>
        <source>Could not prepare {}: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="374"/>
        <source>Loading failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="390"/>
        <source>Add bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="390"/>
        <source>Name of this view:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="433"/>
        <source>Add data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="434"/>
        <source>Data files ({});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="441"/>
        <location filename="../../twin/_qt/main_window.py" line="449"/>
        <source>Cannot add this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="450"/>
        <source>{}: is an image; add a DTM first to drape it on the terrain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="456"/>
        <source>Open scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="456"/>
        <location filename="../../twin/_qt/main_window.py" line="476"/>
        <location filename="../../twin/_qt/main_window.py" line="529"/>
        <source>twin scenes (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="462"/>
        <source>Cannot open this scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="471"/>
        <source>The commune&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="474"/>
        <source>Save the new scene as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="500"/>
        <location filename="../../twin/_qt/main_window.py" line="538"/>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="507"/>
        <source>{}: {} layers from {} files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="508"/>
        <source>, {} skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="510"/>
        <source>Files not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="529"/>
        <source>Save scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="541"/>
        <source>Saved {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="571"/>
        <source>{}  E {}  N {}  z {} m   |   WGS84  {}° N  {}° E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="611"/>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasurePanel</name>
    <message>
        <location filename="../../twin/_qt/measure.py" line="36"/>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="36"/>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="36"/>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="37"/>
        <source>Building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="38"/>
        <source>Click points along a path; Enter or a double click ends it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="39"/>
        <source>Click two points: the height between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="40"/>
        <source>Click the corners of a polygon; Enter or a double click closes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="41"/>
        <source>Click a building (its height and ground altitude) or the ground (its altitude)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="55"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="58"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="73"/>
        <source> — Esc ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="83"/>
        <source>{} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="87"/>
        <source>Distance, straight: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="88"/>
        <source>Distance, level: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="90"/>
        <source>Distance along the ground: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="92"/>
        <source>Legs: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="94"/>
        <source>Height difference: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="95"/>
        <source>Level distance: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="96"/>
        <source>Altitudes: {} → {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="98"/>
        <source>Area: {} m²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="99"/>
        <source>Perimeter: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="101"/>
        <source>The outline crosses itself: the area is not meaningful.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="104"/>
        <source>Building height: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="105"/>
        <source>Ground altitude: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="107"/>
        <source>Roof altitude: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="108"/>
        <source>Altitude clicked: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="110"/>
        <source>Snapped to: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="231"/>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="243"/>
        <source>&amp;Measure…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureTool</name>
    <message>
        <location filename="../../twin/_qt/measure.py" line="162"/>
        <source>Nothing to measure there (the sky)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="212"/>
        <source>terrain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="212"/>
        <source>buildings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="212"/>
        <source>LiDAR points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="213"/>
        <source>3D model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="213"/>
        <source>map layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParameterForm</name>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="66"/>
        <source>(optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="69"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="72"/>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="75"/>
        <location filename="../../twin/_qt/toolbox.py" line="79"/>
        <source>Draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="83"/>
        <source>Pick</source>
        <translation type="unfinished"></translation>
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
    <name>PluginManagerDialog</name>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="35"/>
        <source>Plugins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="38"/>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="38"/>
        <source>Plugin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="38"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="39"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="39"/>
        <source>Contributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="60"/>
        <source>Switching a plugin on or off takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="72"/>
        <source>&apos;{}&apos; will be on at the next start (saved in {}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="73"/>
        <source>&apos;{}&apos; will be off at the next start (saved in {}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PointsExportDialog</name>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="209"/>
        <source>Export the points of {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="213"/>
        <source>West (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="213"/>
        <source>South (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="214"/>
        <source>East (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="214"/>
        <source>North (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="225"/>
        <location filename="../../twin/_qt/layer_menu.py" line="226"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="237"/>
        <source>Export the points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresentWindow</name>
    <message>
        <location filename="../../twin/_qt/present.py" line="54"/>
        <source>twin — presentation</source>
        <translation>twin — presentatie</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="66"/>
        <source>3D view of the town</source>
        <translation type="unfinished">3D-weergave van de stad</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="159"/>
        <source>Paused</source>
        <translation>Gepauzeerd</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="163"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="197"/>
        <source>Before</source>
        <translation>Voor</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="200"/>
        <source>After</source>
        <translation>Na</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="202"/>
        <source>No project variant to compare</source>
        <translation>Geen projectvariant om te vergelijken</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="208"/>
        <source>Sun: %1</source>
        <translation>Zon: %1</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="249"/>
        <source>Some layers could not be loaded</source>
        <translation>Sommige lagen konden niet worden geladen</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="34"/>
        <source>X1 Y1, X2 Y2, … (scene CRS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="35"/>
        <source>Profile line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="36"/>
        <source>Draw in the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="39"/>
        <location filename="../../twin/_qt/profile_panel.py" line="65"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="41"/>
        <source>Corridor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="42"/>
        <source>Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="44"/>
        <source>Cancel</source>
        <translation type="unfinished">Annuleren</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="55"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="57"/>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="64"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="66"/>
        <source>Points within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="117"/>
        <source>Terrain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="120"/>
        <source>Buildings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="123"/>
        <source>Points (min–max)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="124"/>
        <source>Points (median)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="125"/>
        <source>Distance along the line (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="126"/>
        <source>Height (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="160"/>
        <source>Export the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="161"/>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="167"/>
        <location filename="../../twin/_qt/profile_panel.py" line="182"/>
        <source>Cannot export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="171"/>
        <source>Export the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="172"/>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectsPanel</name>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="31"/>
        <source>Building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="32"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="33"/>
        <source>Footprint m²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="34"/>
        <source>Height m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="35"/>
        <location filename="../../twin/_qt/projects_panel.py" line="127"/>
        <source>Levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="36"/>
        <source>Floor area m²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="37"/>
        <source>Emprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="38"/>
        <source>Setback m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="39"/>
        <source>Dwellings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="40"/>
        <source>PLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="55"/>
        <source>What the maquette shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="57"/>
        <source>New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="59"/>
        <source>New variant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="60"/>
        <source>A copy of the variant shown, or an empty one from the town today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="63"/>
        <source>Show side by side with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="65"/>
        <source>Remove variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="67"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="69"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="76"/>
        <source>Levels above the ground floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="80"/>
        <source>from levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="81"/>
        <source>Height (0: from the levels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="84"/>
        <location filename="../../twin/_qt/projects_panel.py" line="129"/>
        <source>Roof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="87"/>
        <location filename="../../twin/_qt/projects_panel.py" line="130"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="92"/>
        <source>Draw a building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="93"/>
        <source>Build on a parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="94"/>
        <source>Import a footprint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="95"/>
        <source>Place a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="96"/>
        <source>Demolish a building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="97"/>
        <location filename="../../twin/_qt/projects_panel.py" line="391"/>
        <source>Change a height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="104"/>
        <source>Edits of the variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="105"/>
        <source>Remove the selected edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="111"/>
        <source>Metrics of the variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="112"/>
        <source>Export the metrics (CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="114"/>
        <source>Report for the council (PDF, HTML)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="115"/>
        <source>Views of every variant, metrics, PLU check, sun and views lost, in French</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="128"/>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="132"/>
        <source>Shown:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="136"/>
        <source>Side by side with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="164"/>
        <source>{} (the town today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="173"/>
        <source>(nothing: one view)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="193"/>
        <source>The town as it is. Choose or create a variant to build a project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="199"/>
        <source>Metrics unavailable: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../twin/_qt/projects_panel.py" line="214"/>
        <source>%n building(s) built or changed, about {} m² of floor area, {} dwelling(s); </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="216"/>
        <source>{} break the PLU (in red).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="217"/>
        <source>PLU respected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="223"/>
        <source>Undo {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="224"/>
        <source>Redo {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="260"/>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="260"/>
        <source>Name of the project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="275"/>
        <source>New variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="276"/>
        <source>Name of the new variant of {}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="296"/>
        <source>Choose a variant first: the town today cannot be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="324"/>
        <source>Click the parcel to build on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="329"/>
        <source>That is not a parcel: click a polygon of a parcels layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="335"/>
        <source>Footprint to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="336"/>
        <source>Vector files (*.geojson *.json *.gpkg *.shp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="348"/>
        <source>Architect&apos;s model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="349"/>
        <source>3D models (*.glb *.gltf *.obj *.ply *.stl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="357"/>
        <source>Point the view at the ground where the model goes, then place it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="369"/>
        <source>Click the building to demolish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="373"/>
        <source>That is not an existing building: click one of the town&apos;s buildings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="384"/>
        <source>Click the building whose height changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="391"/>
        <source>New height of {} (m):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="406"/>
        <source>This scene has no project to report on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="410"/>
        <source>Report of the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="411"/>
        <source>PDF (*.pdf);;Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="419"/>
        <source>Writing the project&apos;s report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="428"/>
        <source>Show a variant to export its metrics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="431"/>
        <source>Export the metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="444"/>
        <source>{} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="445"/>
        <source>New building {}: {} m², {}, {} roof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="448"/>
        <source>Model {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="450"/>
        <source>Demolish {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="451"/>
        <source>Height of {} → {} m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropertiesPanel</name>
    <message>
        <location filename="../../twin/_qt/properties.py" line="88"/>
        <source>Select a layer to see its properties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="90"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="91"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="95"/>
        <location filename="../../twin/_qt/properties.py" line="97"/>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="124"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="129"/>
        <source>Not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="140"/>
        <location filename="../../twin/_qt/properties.py" line="195"/>
        <source>Colour by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="146"/>
        <source>Point size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="147"/>
        <source>Eye-dome lighting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="150"/>
        <location filename="../../twin/_qt/properties.py" line="171"/>
        <source>Shading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="153"/>
        <location filename="../../twin/_qt/properties.py" line="196"/>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="158"/>
        <source>Relief (hillshade and height tint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="160"/>
        <source>Tones by use and age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="161"/>
        <source>Shade at the foot of walls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="162"/>
        <source>Outlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="162"/>
        <source>Orthophoto on roofs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="170"/>
        <source>The orthophoto is draped instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="179"/>
        <source>Colour by attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="180"/>
        <source>(one colour)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="197"/>
        <source>Number of classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="200"/>
        <source>Label from attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="201"/>
        <source>(no labels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="207"/>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="209"/>
        <source>Change the joined table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="210"/>
        <source>Join a table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="211"/>
        <source>joined: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="212"/>
        <source>add a table&apos;s columns by key or by location (CSV, XLSX, Parquet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="214"/>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="240"/>
        <source>Level of detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="241"/>
        <source>finest of each object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="243"/>
        <source>LoD {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="243"/>
        <source>no LoD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="246"/>
        <source>Shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="252"/>
        <source>Anchor E (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="253"/>
        <source>Anchor N (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="254"/>
        <source>Anchor altitude (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="255"/>
        <source>Rotation (°, anticlockwise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="256"/>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="266"/>
        <source>Stand on the ground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="275"/>
        <source>Up axis of the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="278"/>
        <source>Up axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="279"/>
        <source>Place at the view&apos;s centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="328"/>
        <source>Reload the layer&apos;s files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="336"/>
        <source>Plan IGN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="336"/>
        <source>IGN orthophotos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="337"/>
        <source>Another service (URL below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="340"/>
        <location filename="../../twin/_qt/properties.py" line="341"/>
        <source>Basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="343"/>
        <source>URL (WMTS or XYZ {z}/{x}/{y})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="343"/>
        <source>WMTS layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="344"/>
        <source>WMTS style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="344"/>
        <source>Tile matrix set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="345"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="345"/>
        <source>Attribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="374"/>
        <source>Time offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="374"/>
        <source>e.g. -P7D: the state a week before the timeline&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="375"/>
        <source>Pinned at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="375"/>
        <source>an instant in UTC (2026-06-21T10:00:00Z) shown whatever the timeline; empty: follow it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="377"/>
        <source>Chart span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="377"/>
        <source>how far back a picked feature&apos;s chart goes, e.g. P1D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="379"/>
        <source>Silent after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="380"/>
        <source>a reading older than this counts as no reading, e.g. PT1H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="381"/>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="382"/>
        <source>the slot this long before, e.g. P7D (a week), P364D (a year)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="414"/>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="416"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="416"/>
        <source>{} without geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="418"/>
        <source>Repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="418"/>
        <source>{} invalid geometries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="421"/>
        <source>Heights from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="424"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="424"/>
        <source>{} shown of {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="427"/>
        <source>Tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="427"/>
        <source>{}, {} of {} nodes shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="431"/>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="431"/>
        <source>{}×{} at {} m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PythonConsole</name>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="246"/>
        <source>Python input</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualityMenu</name>
    <message>
        <location filename="../../twin/_qt/quality.py" line="62"/>
        <source>3D &amp;quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/quality.py" line="64"/>
        <source>&amp;Automatic (from this machine&apos;s graphics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/quality.py" line="64"/>
        <source>&amp;Low: no effect (fastest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/quality.py" line="65"/>
        <source>&amp;Medium: smoothed edges, the sun&apos;s shadows on buildings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/quality.py" line="66"/>
        <source>&amp;High: also ambient occlusion and multisampling (a GPU)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SceneLoader</name>
    <message>
        <location filename="../../twin/_qt/loader.py" line="102"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/loader.py" line="102"/>
        <source>Cancel</source>
        <translation type="unfinished">Annuleren</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../twin/_qt/search.py" line="39"/>
        <source>Address, parcel id (62041000AB0012), coordinates, street…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="66"/>
        <source>Searching addresses…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="91"/>
        <source>The address service is unavailable: only the loaded layers were searched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="93"/>
        <source>The address service is unavailable, and nothing in the loaded layers matches “{}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="97"/>
        <source>Nothing matches “{}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="106"/>
        <source>coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="106"/>
        <source>parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="106"/>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="107"/>
        <source>street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="107"/>
        <source>place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="107"/>
        <source>bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="172"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="195"/>
        <source>&amp;Search…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionsPanel</name>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="21"/>
        <source>No cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="21"/>
        <source>Clipping box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="22"/>
        <source>Section plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="29"/>
        <source>Handles in the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="34"/>
        <source>Nudge step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="35"/>
        <source>Arrow keys move by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="36"/>
        <source>Arrows: east-west, north-south (the plane: along its normal); Page Up/Down: up and down; Shift: ×10.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SunPanel</name>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="85"/>
        <source>Light by the real sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="86"/>
        <source>Light the maquette by the real sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="87"/>
        <source>Shadows on the ground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="88"/>
        <source>Show the buildings&apos; shadows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="89"/>
        <source>Day of the sun study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="93"/>
        <source>{} of the year shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="94"/>
        <source>Hour of the day (Paris time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="95"/>
        <source>Play the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="96"/>
        <source>Play the day from sunrise to sunset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="97"/>
        <source>Sun position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="98"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="99"/>
        <source>Hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="139"/>
        <source>azimuth {}°, elevation {}°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="140"/>
        <source>below the horizon ({}°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="141"/>
        <source>Sun: {}
Sunrise {}, sunset {} (Paris time)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="17"/>
        <source>1 min/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="17"/>
        <source>10 min/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="18"/>
        <source>1 h/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="18"/>
        <source>6 h/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="19"/>
        <source>1 day/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="84"/>
        <source>Date and time shown (Europe/Paris)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="85"/>
        <source>Start of the range played (Europe/Paris)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="86"/>
        <source>End of the range played (Europe/Paris)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="88"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="89"/>
        <source>Fit to data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="90"/>
        <source>Play over the period the visible time-aware layers cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="153"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="91"/>
        <source>Play or pause the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="92"/>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="95"/>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="96"/>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="97"/>
        <source>Follow the present time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="98"/>
        <source>Time (Paris)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="98"/>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="98"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="131"/>
        <source>No visible time-aware layer has data to fit to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="153"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Toolbox</name>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="127"/>
        <source>Search algorithms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="128"/>
        <source>Search algorithms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="132"/>
        <source>Algorithms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="136"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="138"/>
        <source>Cancel</source>
        <translation type="unfinished">Annuleren</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="161"/>
        <source>Plugins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="226"/>
        <source>Canceled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolsMenu</name>
    <message>
        <location filename="../../twin/_qt/tools_menu.py" line="13"/>
        <source>T&amp;ools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToursPanel</name>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="45"/>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="46"/>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="47"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="48"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="49"/>
        <source>Present…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="50"/>
        <source>Export video…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="52"/>
        <source>Record view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="53"/>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="54"/>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="55"/>
        <source>Remove stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="57"/>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="58"/>
        <source>Flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="59"/>
        <source>Caption (FR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="60"/>
        <source>Caption (EN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="111"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="137"/>
        <location filename="../../twin/_qt/tours_panel.py" line="143"/>
        <source>Tours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="137"/>
        <source>A tour keeps at least one stop; remove the tour instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="155"/>
        <source>New tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="155"/>
        <source>Name of the tour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="169"/>
        <source>Rename tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="169"/>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="185"/>
        <source>Tour %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="238"/>
        <source>Export tour video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="239"/>
        <source>MP4 video (*.mp4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="247"/>
        <source>Exporting the tour video…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="249"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewTool</name>
    <message>
        <location filename="../../twin/_qt/view_tools.py" line="77"/>
        <source>Click the corners of the footprint; Enter or double-click to close, Backspace to undo a corner, Esc to cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/view_tools.py" line="83"/>
        <source>Click the vertices of the line; Enter or double-click to end it, Backspace to undo a vertex, Esc to cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/view_tools.py" line="89"/>
        <source>Click a point in the view (Esc to cancel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/view_tools.py" line="94"/>
        <source>{} (Esc to cancel)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitorControls</name>
    <message>
        <location filename="../../twin/_qt/kiosk_controls.py" line="43"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_controls.py" line="44"/>
        <source>Play the tour on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_controls.py" line="46"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_controls.py" line="47"/>
        <source>Pause the tour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_AlgorithmWorker</name>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="93"/>
        <source>Canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="100"/>
        <source>{}. Its plugin is switched off for this session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
