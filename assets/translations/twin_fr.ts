<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AlgorithmDialog</name>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="153"/>
        <source>Run</source>
        <translation>Exécuter</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="155"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="174"/>
        <source>Expression, e.g. &quot;hauteur&quot; &gt; 15 AND &quot;usage_1&quot; = &apos;Résidentiel&apos;</source>
        <translation>Expression, par ex. &quot;hauteur&quot; &gt; 15 AND &quot;usage_1&quot; = &apos;Résidentiel&apos;</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="181"/>
        <source>Filter</source>
        <translation>Filtrer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="182"/>
        <source>Select matching</source>
        <translation>Sélectionner les correspondances</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="183"/>
        <source>Clear selection</source>
        <translation>Vider la sélection</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="184"/>
        <source>Zoom to selection</source>
        <translation>Zoomer sur la sélection</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="185"/>
        <source>Form…</source>
        <translation>Formulaire…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="186"/>
        <source>Export selection…</source>
        <translation>Exporter la sélection…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="222"/>
        <source>No layer</source>
        <translation>Aucune couche</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="224"/>
        <source>{} (no table: not loaded, or not a layer of features)</source>
        <translation>{} (pas de table : non chargée, ou pas une couche d&apos;entités)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="243"/>
        <source>Expression refused at character {}: {}</source>
        <translation>Expression refusée au caractère {} : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="312"/>
        <source>{} selected, {} shown of {} features</source>
        <translation>{} sélectionnées, {} affichées sur {} entités</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="344"/>
        <location filename="../../twin/_qt/attribute_table.py" line="347"/>
        <location filename="../../twin/_qt/attribute_table.py" line="354"/>
        <source>Export selection</source>
        <translation>Exporter la sélection</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="344"/>
        <source>Select features first.</source>
        <translation>Sélectionnez d&apos;abord des entités.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="348"/>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="387"/>
        <source>Attribute table</source>
        <translation>Table attributaire</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="419"/>
        <source>&amp;Attribute table</source>
        <translation>&amp;Table attributaire</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="422"/>
        <source>&amp;Select features in the view</source>
        <translation>&amp;Sélectionner des entités dans la vue</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="424"/>
        <source>Click a feature to select it (Ctrl: add), Shift-drag a box; Esc ends</source>
        <translation>Cliquez une entité pour la sélectionner (Ctrl : ajouter), Maj-glisser pour un rectangle ; Échap termine</translation>
    </message>
</context>
<context>
    <name>AttributesPanel</name>
    <message>
        <location filename="../../twin/_qt/properties.py" line="464"/>
        <location filename="../../twin/_qt/properties.py" line="471"/>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="464"/>
        <location filename="../../twin/_qt/properties.py" line="471"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../twin/_qt/loader.py" line="180"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>CommuneDialog</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="42"/>
        <source>New scene from a commune&apos;s folder</source>
        <translation>Nouvelle scène depuis le dossier d’une commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="45"/>
        <source>Commune outlines found in the folder: {}</source>
        <translation>Contours de communes trouvés dans le dossier : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="49"/>
        <source>The whole folder (no commune)</source>
        <translation>Tout le dossier (aucune commune)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="57"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="58"/>
        <source>Commune (INSEE code or name):</source>
        <translation>Commune (code INSEE ou nom) :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="31"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="32"/>
        <source>Buffer around the commune</source>
        <translation>Marge autour de la commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="33"/>
        <source>Buffer around the commune:</source>
        <translation>Marge autour de la commune :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="64"/>
        <source>Build the scene</source>
        <translation>Construire la scène</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="65"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="87"/>
        <source>No commune “{}” in this folder: pick one in the list.</source>
        <translation>Aucune commune « {} » dans ce dossier : choisissez-en une dans la liste.</translation>
    </message>
</context>
<context>
    <name>CommuneWizard</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="108"/>
        <source>Looking for the communes&apos; outlines…</source>
        <translation>Recherche des contours des communes…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="114"/>
        <source>No scene built</source>
        <translation>Aucune scène construite</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="129"/>
        <source>Building the scene…</source>
        <translation>Construction de la scène…</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../twin/_qt/kiosk_countdown.py" line="79"/>
        <source>Stay</source>
        <translation>Rester</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_countdown.py" line="80"/>
        <source>Stay: keep the kiosk as it is</source>
        <translation>Rester&#xa0;: garder la borne telle qu’elle est</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_countdown.py" line="82"/>
        <source>Nobody there? The kiosk starts again in {} s. Touch the screen to stay.</source>
        <translation>Plus personne&#xa0;? La borne recommence dans {}&#xa0;s. Touchez l’écran pour rester.</translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <location filename="../../twin/_qt/attribute_table.py" line="131"/>
        <source>{} — feature</source>
        <translation>{} — entité</translation>
    </message>
</context>
<context>
    <name>FetchDialog</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="138"/>
        <source>BD TOPO buildings and land cover</source>
        <translation>Bâtiments et occupation du sol BD TOPO</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="139"/>
        <source>Cadastre parcels (Etalab)</source>
        <translation>Parcelles du cadastre (Etalab)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="140"/>
        <source>LiDAR HD point clouds (large)</source>
        <translation>Nuages de points LiDAR HD (volumineux)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="141"/>
        <source>Terrain (LiDAR HD MNT)</source>
        <translation>Terrain (MNT LiDAR HD)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="142"/>
        <source>Orthophoto</source>
        <translation>Orthophotographie</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="146"/>
        <source>New scene from a commune</source>
        <translation>Nouvelle scène depuis une commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="149"/>
        <source>62041 or Arras</source>
        <translation>62041 ou Arras</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="150"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="161"/>
        <source>Commune (INSEE code or name):</source>
        <translation>Commune (code INSEE ou nom)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="174"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="175"/>
        <source>Orthophoto pixel</source>
        <translation>Pixel de l&apos;orthophotographie</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="176"/>
        <source>Orthophoto pixel:</source>
        <translation>Pixel de l&apos;orthophotographie&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="180"/>
        <source>Folder for the downloads</source>
        <translation>Dossier des téléchargements</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="181"/>
        <source>Download into:</source>
        <translation>Télécharger dans&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="182"/>
        <source>Type a commune, then Estimate to see what will be downloaded.</source>
        <translation>Saisissez une commune, puis Estimer pour voir ce qui sera téléchargé.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="186"/>
        <source>Estimate</source>
        <translation>Estimer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="187"/>
        <source>Download and build the scene</source>
        <translation>Télécharger et construire la scène</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="188"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="225"/>
        <source>No suggestions: {}</source>
        <translation>Pas de suggestions&#xa0;: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="237"/>
        <source>{} — {}: {} files, about {}</source>
        <translation>{} — {}&#xa0;: {} fichiers, environ {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="239"/>
        <source>  {}: {}</source>
        <translation>  {}&#xa0;: {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="241"/>
        <source>  {}: {} features</source>
        <translation>  {}&#xa0;: {} objets</translation>
    </message>
</context>
<context>
    <name>FetchWizard</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="271"/>
        <source>Asking the services what commune {} comes to…</source>
        <translation>Estimation auprès des services de ce que représente la commune {}…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="278"/>
        <source>Downloading commune {}…</source>
        <translation>Téléchargement de la commune {}…</translation>
    </message>
</context>
<context>
    <name>FilterEdit</name>
    <message>
        <location filename="../../twin/_qt/layer_filter.py" line="18"/>
        <source>all features, or e.g. &quot;hauteur&quot; &gt; 15</source>
        <translation>toutes les entités, ou par ex. &quot;hauteur&quot; &gt; 15</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_filter.py" line="19"/>
        <source>Filter expression</source>
        <translation>Expression de filtre</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_filter.py" line="42"/>
        <source>Refused at character {}: {}</source>
        <translation>Refusée au caractère {} : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_filter.py" line="53"/>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../twin/_qt/history.py" line="38"/>
        <source>Click a sensor, a footfall column or a building to see its history.</source>
        <translation>Cliquez sur un capteur, une colonne de fréquentation ou un bâtiment pour voir son historique.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/history.py" line="87"/>
        <source>{}: no figures to show for this feature in a public scene</source>
        <translation>{} : aucune donnée à montrer pour cette entité dans une scène publique</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/history.py" line="89"/>
        <source>{}: no figures to show for this feature</source>
        <translation>{} : aucune donnée à montrer pour cette entité</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/history.py" line="115"/>
        <source>no readings in this period</source>
        <translation>aucune mesure sur cette période</translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="172"/>
        <source>{}×{} pixels: each side must be between 16 and {}</source>
        <translation>{}×{} pixels : chaque côté doit être compris entre 16 et {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="173"/>
        <source>lower the size or the DPI</source>
        <translation>réduisez la taille ou la résolution</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="175"/>
        <source>cannot write &apos;{}&apos; images</source>
        <translation>impossible d&apos;écrire des images « {} »</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="176"/>
        <source>use .png or .pdf</source>
        <translation>utilisez .png ou .pdf</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="188"/>
        <location filename="../../twin/_qt/image_export.py" line="208"/>
        <source>cannot write this file</source>
        <translation>impossible d&apos;écrire ce fichier</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="189"/>
        <location filename="../../twin/_qt/image_export.py" line="209"/>
        <source>choose a folder you can write to</source>
        <translation>choisissez un dossier où vous pouvez écrire</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="194"/>
        <source>cannot write ({})</source>
        <translation>écriture impossible ({})</translation>
    </message>
</context>
<context>
    <name>ImageExportDialog</name>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="220"/>
        <location filename="../../twin/_qt/image_export.py" line="256"/>
        <source>Export image</source>
        <translation>Exporter l&apos;image</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="224"/>
        <source>pixels</source>
        <translation>pixels</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="225"/>
        <source>millimetres</source>
        <translation>millimètres</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="234"/>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="235"/>
        <source>Scale bar</source>
        <translation>Barre d&apos;échelle</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="236"/>
        <source>North arrow</source>
        <translation>Flèche du nord</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="237"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="237"/>
        <source>Size in</source>
        <translation>Taille en</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="238"/>
        <source>Width</source>
        <translation>Largeur</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="238"/>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="239"/>
        <source>Resolution (DPI)</source>
        <translation>Résolution (ppp)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="257"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>Image PNG (*.png);;Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="274"/>
        <source>Cannot export the image</source>
        <translation>Impossible d&apos;exporter l&apos;image</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/image_export.py" line="277"/>
        <source>Image written ({}×{} pixels)</source>
        <translation>Image écrite ({}×{} pixels)</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="24"/>
        <source>Join a table to {}</source>
        <translation>Joindre une table à {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="30"/>
        <source>Table file</source>
        <translation>Fichier de la table</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="32"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="38"/>
        <source>first sheet</source>
        <translation>première feuille</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="39"/>
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="42"/>
        <source>Same key in both</source>
        <translation>Même clé dans les deux</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="43"/>
        <source>Points inside each polygon</source>
        <translation>Points dans chaque polygone</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="44"/>
        <location filename="../../twin/_qt/join_dialog.py" line="84"/>
        <source>Join by</source>
        <translation>Joindre par</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="46"/>
        <location filename="../../twin/_qt/join_dialog.py" line="50"/>
        <source>Layer field</source>
        <translation>Champ de la couche</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="47"/>
        <location filename="../../twin/_qt/join_dialog.py" line="51"/>
        <source>Table column</source>
        <translation>Colonne de la table</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="52"/>
        <source>X column</source>
        <translation>Colonne X</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="52"/>
        <source>Y column</source>
        <translation>Colonne Y</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="53"/>
        <source>Value column</source>
        <translation>Colonne de valeur</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="55"/>
        <source>CRS of the points</source>
        <translation>SCR des points</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="56"/>
        <location filename="../../twin/_qt/join_dialog.py" line="60"/>
        <source>Aggregate</source>
        <translation>Agrégat</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="59"/>
        <source>X (or longitude)</source>
        <translation>X (ou longitude)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="59"/>
        <source>Y (or latitude)</source>
        <translation>Y (ou latitude)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="60"/>
        <source>CRS</source>
        <translation>SCR</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="61"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="68"/>
        <source>Choose a table (CSV, XLSX or Parquet).</source>
        <translation>Choisissez une table (CSV, XLSX ou Parquet).</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="70"/>
        <source>Join preview</source>
        <translation>Aperçu de la jointure</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="71"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="74"/>
        <source>Join</source>
        <translation>Joindre</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="78"/>
        <source>Remove the join</source>
        <translation>Supprimer la jointure</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="82"/>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="83"/>
        <source>Sheet (XLSX)</source>
        <translation>Feuille (XLSX)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="114"/>
        <source>Table to join</source>
        <translation>Table à joindre</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="115"/>
        <source>Tables ({})</source>
        <translation>Tables ({})</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="144"/>
        <source>{} rows, columns: {}</source>
        <translation>{} lignes, colonnes : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/join_dialog.py" line="150"/>
        <source>choose a table file first</source>
        <translation>choisissez d&apos;abord un fichier de table</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="314"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="331"/>
        <source>Wheelchair access</source>
        <translation>Fauteuil roulant</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="331"/>
        <source>Hearing</source>
        <translation>Audition</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="332"/>
        <source>Sight</source>
        <translation>Vision</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="332"/>
        <source>Mental disability</source>
        <translation>Handicap mental</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="337"/>
        <location filename="../../twin/_qt/kiosk.py" line="338"/>
        <source>Show or hide: {}</source>
        <translation>Afficher ou masquer : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="341"/>
        <source>Touch to explore: one finger turns, two fingers move, pinch to zoom</source>
        <translation>Touchez pour explorer : un doigt pour tourner, deux pour déplacer, pincez pour zoomer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="344"/>
        <source>Tourist information</source>
        <translation>Office de tourisme</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="345"/>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="346"/>
        <location filename="../../twin/_qt/kiosk.py" line="347"/>
        <source>Back to the start view</source>
        <translation>Revenir à la vue de départ</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="349"/>
        <location filename="../../twin/_qt/kiosk.py" line="350"/>
        <source>Show or hide the layers&apos; buttons</source>
        <translation>Afficher ou masquer les boutons des couches</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="355"/>
        <location filename="../../twin/_qt/kiosk.py" line="356"/>
        <source>Play the tour: {}</source>
        <translation>Lancer la visite : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="362"/>
        <location filename="../../twin/_qt/kiosk.py" line="363"/>
        <source>Only places suited to: {}</source>
        <translation>Seulement les lieux adaptés : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="368"/>
        <source>3D view of the town</source>
        <translation>Vue 3D de la ville</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="371"/>
        <source>High contrast</source>
        <translation>Contraste élevé</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="372"/>
        <source>High contrast: white and yellow on black, larger text</source>
        <translation>Contraste élevé&#xa0;: blanc et jaune sur noir, texte plus grand</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../twin/_qt/i18n.py" line="79"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
</context>
<context>
    <name>LayerActions</name>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="68"/>
        <source>&amp;Zoom to layer</source>
        <translation>&amp;Zoomer sur la couche</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="68"/>
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="69"/>
        <source>&amp;Duplicate</source>
        <translation>&amp;Dupliquer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="69"/>
        <source>Re&amp;move</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="71"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="72"/>
        <source>Add a &amp;basemap…</source>
        <translation>Ajouter un &amp;fond de plan…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="74"/>
        <source>&amp;Save style…</source>
        <translation>&amp;Enregistrer le style…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="75"/>
        <source>&amp;Load style…</source>
        <translation>&amp;Charger un style…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="112"/>
        <source>Plan IGN</source>
        <translation>Plan IGN</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="128"/>
        <source>Exporting the points of {}…</source>
        <translation>Export des points de {}…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="129"/>
        <source>{} points written to {}</source>
        <translation>{} points écrits dans {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="131"/>
        <source>Export {}</source>
        <translation>Exporter {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="133"/>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="136"/>
        <source>Exporting {}…</source>
        <translation>Export de {}…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="137"/>
        <source>{} features written to {}</source>
        <translation>{} entités écrites dans {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="144"/>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="150"/>
        <source>Save the style of {}</source>
        <translation>Enregistrer le style de {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="151"/>
        <location filename="../../twin/_qt/layer_menu.py" line="157"/>
        <source>twin styles (*.toml)</source>
        <translation>Styles twin (*.toml)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="152"/>
        <source>Cannot save the style</source>
        <translation>Impossible d&apos;enregistrer le style</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="156"/>
        <source>Load a style on {}</source>
        <translation>Charger un style sur {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="163"/>
        <source>Style of {}</source>
        <translation>Style de {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="164"/>
        <source>Cannot load the style</source>
        <translation>Impossible de charger le style</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="177"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="190"/>
        <source>&amp;Undo {}</source>
        <translation>&amp;Annuler : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="190"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="191"/>
        <source>&amp;Redo {}</source>
        <translation>&amp;Rétablir : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="191"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
</context>
<context>
    <name>LayerTreeModel</name>
    <message>
        <location filename="../../twin/_qt/layer_tree.py" line="95"/>
        <source>Not loaded: {}</source>
        <translation>Non chargée : {}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="99"/>
        <source>Report written: {}</source>
        <translation>Rapport écrit : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="170"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="170"/>
        <source>Properties</source>
        <translation>Propriétés</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="171"/>
        <source>Attributes</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="171"/>
        <source>Timeline</source>
        <translation>Frise temporelle</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="172"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="172"/>
        <source>Projects</source>
        <translation>Projets</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="173"/>
        <source>Sun and shadow</source>
        <translation>Ensoleillement et ombres</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="173"/>
        <source>Python console</source>
        <translation>Console Python</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="174"/>
        <location filename="../../twin/_qt/main_window.py" line="406"/>
        <source>Tours</source>
        <translation>Visites</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="189"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="190"/>
        <source>&amp;Open scene…</source>
        <translation>&amp;Ouvrir une scène…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="191"/>
        <source>New scene from a co&amp;mmune…</source>
        <translation>Nouvelle scène depuis une co&amp;mmune…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="193"/>
        <source>New scene from a &amp;commune&apos;s folder…</source>
        <translation>Nouvelle scène depuis le dossier d&apos;une &amp;commune…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="195"/>
        <source>&amp;Add data…</source>
        <translation>&amp;Ajouter des données…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="196"/>
        <source>&amp;Save scene</source>
        <translation>&amp;Enregistrer la scène</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="197"/>
        <source>Save scene &amp;as…</source>
        <translation>Enregistrer la scène &amp;sous…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="198"/>
        <source>Export &amp;image…</source>
        <translation>E&amp;xporter l&apos;image…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="199"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="204"/>
        <source>&amp;View</source>
        <translation>&amp;Vue</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="206"/>
        <source>P&amp;roject</source>
        <translation>P&amp;rojet</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="211"/>
        <source>&amp;Before / after</source>
        <translation>&amp;Avant / après</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="212"/>
        <source>The town today ↔ the last variant shown</source>
        <translation>La ville aujourd&apos;hui ↔ la dernière variante affichée</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="215"/>
        <source>&amp;Processing</source>
        <translation>&amp;Traitements</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="221"/>
        <source>&amp;Tours</source>
        <translation>V&amp;isites</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="222"/>
        <source>&amp;Tours panel</source>
        <translation>Panneau des &amp;visites</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="224"/>
        <source>&amp;Play tour</source>
        <translation>&amp;Lire la visite</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="225"/>
        <source>P&amp;resent…</source>
        <translation>P&amp;résenter…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="230"/>
        <source>&amp;Plugins</source>
        <translation>E&amp;xtensions</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="231"/>
        <source>Plugin &amp;manager…</source>
        <translation>&amp;Gestionnaire d&apos;extensions…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="234"/>
        <source>Python &amp;console</source>
        <translation>&amp;Console Python</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="244"/>
        <source>&amp;Home view</source>
        <translation>Vue d&apos;&amp;accueil</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="247"/>
        <source>Add &amp;bookmark…</source>
        <translation>Ajouter un &amp;signet…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="264"/>
        <source>Plugin &apos;{}&apos; failed: {}</source>
        <translation>L&apos;extension « {} » a échoué : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="300"/>
        <source>{} points (budget {})</source>
        <translation>{} points (budget {})</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="302"/>
        <source> · loading {} nodes</source>
        <translation> · chargement de {} nœuds</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="308"/>
        <source>Still loading; try again when it is done</source>
        <translation>Chargement en cours ; réessayez quand il sera terminé</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="317"/>
        <source>Loading the other layers in the background…</source>
        <translation>Chargement des autres couches en arrière-plan…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="334"/>
        <source>Some layers could not be loaded</source>
        <translation>Certaines couches n&apos;ont pas pu être chargées</translation>
    </message>
    <message numerus="yes">
        <location filename="../../twin/_qt/main_window.py" line="335"/>
        <source>%n layer(s) loaded</source>
        <translation>
            <numerusform>%n couche chargée</numerusform>
            <numerusform>%n couches chargées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../twin/_qt/main_window.py" line="353"/>
        <source>{}: turning %n plain LAS/LAZ file(s) into COPC in the background; the layer will then refine as you zoom</source>
        <translation>
            <numerusform>{} : conversion en arrière-plan de %n fichier LAS/LAZ en COPC ; la couche s&apos;affinera ensuite au zoom</numerusform>
            <numerusform>{} : conversion en arrière-plan de %n fichiers LAS/LAZ en COPC ; la couche s&apos;affinera ensuite au zoom</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="359"/>
        <source>Could not prepare {}: {}</source>
        <translation>Impossible de préparer {} : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="374"/>
        <source>Loading failed</source>
        <translation>Échec du chargement</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="390"/>
        <source>Add bookmark</source>
        <translation>Ajouter un signet</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="390"/>
        <source>Name of this view:</source>
        <translation>Nom de cette vue :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="433"/>
        <source>Add data</source>
        <translation>Ajouter des données</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="434"/>
        <source>Data files ({});;All files (*)</source>
        <translation>Fichiers de données ({});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="441"/>
        <location filename="../../twin/_qt/main_window.py" line="449"/>
        <source>Cannot add this file</source>
        <translation>Impossible d&apos;ajouter ce fichier</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="450"/>
        <source>{}: is an image; add a DTM first to drape it on the terrain</source>
        <translation>{} : est une image ; ajoutez d&apos;abord un MNT pour la draper sur le terrain</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="456"/>
        <source>Open scene</source>
        <translation>Ouvrir une scène</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="456"/>
        <location filename="../../twin/_qt/main_window.py" line="476"/>
        <location filename="../../twin/_qt/main_window.py" line="529"/>
        <source>twin scenes (*.toml)</source>
        <translation>Scènes twin (*.toml)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="462"/>
        <source>Cannot open this scene</source>
        <translation>Impossible d&apos;ouvrir cette scène</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="471"/>
        <source>The commune&apos;s folder</source>
        <translation>Le dossier de la commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="474"/>
        <source>Save the new scene as</source>
        <translation>Enregistrer la nouvelle scène sous</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="500"/>
        <location filename="../../twin/_qt/main_window.py" line="538"/>
        <source>Cannot save</source>
        <translation>Impossible d&apos;enregistrer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="507"/>
        <source>{}: {} layers from {} files</source>
        <translation>{} : {} couches issues de {} fichiers</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="508"/>
        <source>, {} skipped</source>
        <translation>, {} ignorés</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="510"/>
        <source>Files not used</source>
        <translation>Fichiers non utilisés</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="529"/>
        <source>Save scene</source>
        <translation>Enregistrer la scène</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="541"/>
        <source>Saved {}</source>
        <translation>{} enregistré</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="571"/>
        <source>{}  E {}  N {}  z {} m   |   WGS84  {}° N  {}° E</source>
        <translation>{}  E {}  N {}  z {} m   |   WGS84  {}° N  {}° E</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/main_window.py" line="611"/>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
</context>
<context>
    <name>MeasurePanel</name>
    <message>
        <location filename="../../twin/_qt/measure.py" line="36"/>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="36"/>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="36"/>
        <source>Area</source>
        <translation>Surface</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="37"/>
        <source>Building</source>
        <translation>Bâtiment</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="38"/>
        <source>Click points along a path; Enter or a double click ends it</source>
        <translation>Cliquez des points le long d&apos;un trajet ; Entrée ou un double-clic le termine</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="39"/>
        <source>Click two points: the height between them</source>
        <translation>Cliquez deux points : la hauteur entre eux</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="40"/>
        <source>Click the corners of a polygon; Enter or a double click closes it</source>
        <translation>Cliquez les sommets d&apos;un polygone ; Entrée ou un double-clic le ferme</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="41"/>
        <source>Click a building (its height and ground altitude) or the ground (its altitude)</source>
        <translation>Cliquez un bâtiment (sa hauteur et l&apos;altitude du sol) ou le sol (son altitude)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="55"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="58"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="73"/>
        <source> — Esc ends</source>
        <translation> — Échap termine</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="83"/>
        <source>{} m</source>
        <translation>{} m</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="87"/>
        <source>Distance, straight: {}</source>
        <translation>Distance en ligne droite : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="88"/>
        <source>Distance, level: {}</source>
        <translation>Distance à plat : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="90"/>
        <source>Distance along the ground: {}</source>
        <translation>Distance au sol : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="92"/>
        <source>Legs: {}</source>
        <translation>Tronçons : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="94"/>
        <source>Height difference: {}</source>
        <translation>Dénivelé : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="95"/>
        <source>Level distance: {}</source>
        <translation>Distance à plat : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="96"/>
        <source>Altitudes: {} → {}</source>
        <translation>Altitudes : {} → {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="98"/>
        <source>Area: {} m²</source>
        <translation>Surface : {} m²</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="99"/>
        <source>Perimeter: {}</source>
        <translation>Périmètre : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="101"/>
        <source>The outline crosses itself: the area is not meaningful.</source>
        <translation>Le contour se recoupe : la surface n&apos;a pas de sens.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="104"/>
        <source>Building height: {}</source>
        <translation>Hauteur du bâtiment : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="105"/>
        <source>Ground altitude: {}</source>
        <translation>Altitude du sol : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="107"/>
        <source>Roof altitude: {}</source>
        <translation>Altitude du toit : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="108"/>
        <source>Altitude clicked: {}</source>
        <translation>Altitude du point cliqué : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="110"/>
        <source>Snapped to: {}</source>
        <translation>Accroché à : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="231"/>
        <source>Measure</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="243"/>
        <source>&amp;Measure…</source>
        <translation>&amp;Mesurer…</translation>
    </message>
</context>
<context>
    <name>MeasureTool</name>
    <message>
        <location filename="../../twin/_qt/measure.py" line="162"/>
        <source>Nothing to measure there (the sky)</source>
        <translation>Rien à mesurer ici (le ciel)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="212"/>
        <source>terrain</source>
        <translation>terrain</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="212"/>
        <source>buildings</source>
        <translation>bâtiments</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="212"/>
        <source>LiDAR points</source>
        <translation>points LiDAR</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="213"/>
        <source>3D model</source>
        <translation>modèle 3D</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/measure.py" line="213"/>
        <source>map layer</source>
        <translation>couche cartographique</translation>
    </message>
</context>
<context>
    <name>ParameterForm</name>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="66"/>
        <source>(optional)</source>
        <translation>(facultatif)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="69"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="72"/>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="75"/>
        <location filename="../../twin/_qt/toolbox.py" line="79"/>
        <source>Draw</source>
        <translation>Dessiner</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="83"/>
        <source>Pick</source>
        <translation>Désigner</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="88"/>
        <source>Administration: enter the PIN</source>
        <translation>Administration : saisissez le code</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="89"/>
        <source>PIN</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="91"/>
        <location filename="../../twin/_qt/kiosk_pin.py" line="92"/>
        <source>Digit {}</source>
        <translation>Chiffre {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="93"/>
        <source>Delete</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="94"/>
        <source>OK</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="95"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="96"/>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="97"/>
        <source>Leave the kiosk</source>
        <translation>Quitter la borne</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="98"/>
        <source>Reload the scene</source>
        <translation>Recharger la scène</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="99"/>
        <source>Back to the kiosk</source>
        <translation>Retour à la borne</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="113"/>
        <location filename="../../twin/_qt/kiosk_pin.py" line="125"/>
        <source>Too many attempts: try again in {} s</source>
        <translation>Trop d&apos;essais : réessayez dans {} s</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_pin.py" line="127"/>
        <source>Wrong PIN</source>
        <translation>Code incorrect</translation>
    </message>
</context>
<context>
    <name>PluginManagerDialog</name>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="35"/>
        <source>Plugins</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="38"/>
        <source>Enabled</source>
        <translation>Activée</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="38"/>
        <source>Plugin</source>
        <translation>Extension</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="38"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="39"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="39"/>
        <source>Contributes</source>
        <translation>Apporte</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="60"/>
        <source>Switching a plugin on or off takes effect at the next start.</source>
        <translation>Activer ou désactiver une extension prend effet au prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="72"/>
        <source>&apos;{}&apos; will be on at the next start (saved in {}).</source>
        <translation>« {} » sera activée au prochain démarrage (enregistré dans {}).</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="73"/>
        <source>&apos;{}&apos; will be off at the next start (saved in {}).</source>
        <translation>« {} » sera désactivée au prochain démarrage (enregistré dans {}).</translation>
    </message>
</context>
<context>
    <name>PointsExportDialog</name>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="209"/>
        <source>Export the points of {}</source>
        <translation>Exporter les points de {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="213"/>
        <source>West (m)</source>
        <translation>Ouest (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="213"/>
        <source>South (m)</source>
        <translation>Sud (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="214"/>
        <source>East (m)</source>
        <translation>Est (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="214"/>
        <source>North (m)</source>
        <translation>Nord (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="225"/>
        <location filename="../../twin/_qt/layer_menu.py" line="226"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/layer_menu.py" line="237"/>
        <source>Export the points</source>
        <translation>Exporter les points</translation>
    </message>
</context>
<context>
    <name>PresentWindow</name>
    <message>
        <location filename="../../twin/_qt/present.py" line="54"/>
        <source>twin — presentation</source>
        <translation>twin — présentation</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="66"/>
        <source>3D view of the town</source>
        <translation>Vue 3D de la ville</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="159"/>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="163"/>
        <source>High contrast</source>
        <translation>Contraste élevé</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="197"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="200"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="202"/>
        <source>No project variant to compare</source>
        <translation>Aucune variante de projet à comparer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="208"/>
        <source>Sun: %1</source>
        <translation>Soleil : %1</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="249"/>
        <source>Some layers could not be loaded</source>
        <translation>Certaines couches n&apos;ont pas pu être chargées</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="34"/>
        <source>X1 Y1, X2 Y2, … (scene CRS)</source>
        <translation>X1 Y1, X2 Y2, … (SCR de la scène)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="35"/>
        <source>Profile line</source>
        <translation>Ligne du profil</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="36"/>
        <source>Draw in the view</source>
        <translation>Dessiner dans la vue</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="39"/>
        <location filename="../../twin/_qt/profile_panel.py" line="65"/>
        <source>Step</source>
        <translation>Pas</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="41"/>
        <source>Corridor</source>
        <translation>Couloir</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="42"/>
        <source>Compute</source>
        <translation>Calculer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="44"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="55"/>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="57"/>
        <source>Export PNG…</source>
        <translation>Exporter en PNG…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="64"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="66"/>
        <source>Points within</source>
        <translation>Points à moins de</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="117"/>
        <source>Terrain</source>
        <translation>Terrain</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="120"/>
        <source>Buildings</source>
        <translation>Bâtiments</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="123"/>
        <source>Points (min–max)</source>
        <translation>Points (min–max)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="124"/>
        <source>Points (median)</source>
        <translation>Points (médiane)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="125"/>
        <source>Distance along the line (m)</source>
        <translation>Distance le long de la ligne (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="126"/>
        <source>Height (m)</source>
        <translation>Altitude (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="160"/>
        <source>Export the profile</source>
        <translation>Exporter le profil</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="161"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="167"/>
        <location filename="../../twin/_qt/profile_panel.py" line="182"/>
        <source>Cannot export</source>
        <translation>Export impossible</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="171"/>
        <source>Export the chart</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/profile_panel.py" line="172"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>ProjectsPanel</name>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="31"/>
        <source>Building</source>
        <translation>Bâtiment</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="32"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="33"/>
        <source>Footprint m²</source>
        <translation>Emprise au sol m²</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="34"/>
        <source>Height m</source>
        <translation>Hauteur m</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="35"/>
        <location filename="../../twin/_qt/projects_panel.py" line="127"/>
        <source>Levels</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="36"/>
        <source>Floor area m²</source>
        <translation>Surface de plancher m²</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="37"/>
        <source>Emprise</source>
        <translation>Emprise</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="38"/>
        <source>Setback m</source>
        <translation>Retrait m</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="39"/>
        <source>Dwellings</source>
        <translation>Logements</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="40"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="55"/>
        <source>What the maquette shows</source>
        <translation>Ce que montre la maquette</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="57"/>
        <source>New project…</source>
        <translation>Nouveau projet…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="59"/>
        <source>New variant…</source>
        <translation>Nouvelle variante…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="60"/>
        <source>A copy of the variant shown, or an empty one from the town today</source>
        <translation>Une copie de la variante affichée, ou une variante vide à partir de la ville actuelle</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="63"/>
        <source>Show side by side with</source>
        <translation>Afficher côte à côte avec</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="65"/>
        <source>Remove variant</source>
        <translation>Supprimer la variante</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="67"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="69"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="76"/>
        <source>Levels above the ground floor</source>
        <translation>Niveaux au-dessus du rez-de-chaussée</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="80"/>
        <source>from levels</source>
        <translation>selon les niveaux</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="81"/>
        <source>Height (0: from the levels)</source>
        <translation>Hauteur (0 : selon les niveaux)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="84"/>
        <location filename="../../twin/_qt/projects_panel.py" line="129"/>
        <source>Roof</source>
        <translation>Toiture</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="87"/>
        <location filename="../../twin/_qt/projects_panel.py" line="130"/>
        <source>Use</source>
        <translation>Usage</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="92"/>
        <source>Draw a building</source>
        <translation>Dessiner un bâtiment</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="93"/>
        <source>Build on a parcel</source>
        <translation>Construire sur une parcelle</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="94"/>
        <source>Import a footprint…</source>
        <translation>Importer une emprise…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="95"/>
        <source>Place a model…</source>
        <translation>Placer une maquette…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="96"/>
        <source>Demolish a building</source>
        <translation>Démolir un bâtiment</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="97"/>
        <location filename="../../twin/_qt/projects_panel.py" line="391"/>
        <source>Change a height</source>
        <translation>Modifier une hauteur</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="104"/>
        <source>Edits of the variant</source>
        <translation>Modifications de la variante</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="105"/>
        <source>Remove the selected edit</source>
        <translation>Supprimer la modification sélectionnée</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="111"/>
        <source>Metrics of the variant</source>
        <translation>Indicateurs de la variante</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="112"/>
        <source>Export the metrics (CSV)…</source>
        <translation>Exporter les indicateurs (CSV)…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="114"/>
        <source>Report for the council (PDF, HTML)…</source>
        <translation>Rapport pour le conseil (PDF, HTML)…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="115"/>
        <source>Views of every variant, metrics, PLU check, sun and views lost, in French</source>
        <translation>Vues de chaque variante, indicateurs, contrôle du PLU, ensoleillement et vues perdus, en français</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="128"/>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="132"/>
        <source>Shown:</source>
        <translation>Affiché :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="136"/>
        <source>Side by side with</source>
        <translation>Côte à côte avec</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="164"/>
        <source>{} (the town today)</source>
        <translation>{} (la ville aujourd&apos;hui)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="173"/>
        <source>(nothing: one view)</source>
        <translation>(rien : une seule vue)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="193"/>
        <source>The town as it is. Choose or create a variant to build a project.</source>
        <translation>La ville telle qu&apos;elle est. Choisissez ou créez une variante pour construire un projet.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="199"/>
        <source>Metrics unavailable: {}</source>
        <translation>Indicateurs indisponibles : {}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../twin/_qt/projects_panel.py" line="214"/>
        <source>%n building(s) built or changed, about {} m² of floor area, {} dwelling(s); </source>
        <translation>
            <numerusform>%n bâtiment construit ou modifié, environ {} m² de surface de plancher, {} logement(s) ;</numerusform>
            <numerusform>%n bâtiments construits ou modifiés, environ {} m² de surface de plancher, {} logement(s) ;</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="216"/>
        <source>{} break the PLU (in red).</source>
        <translation>{} ne respectent pas le PLU (en rouge).</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="217"/>
        <source>PLU respected.</source>
        <translation>PLU respecté.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="223"/>
        <source>Undo {}</source>
        <translation>Annuler : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="224"/>
        <source>Redo {}</source>
        <translation>Rétablir : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="260"/>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="260"/>
        <source>Name of the project:</source>
        <translation>Nom du projet :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="275"/>
        <source>New variant</source>
        <translation>Nouvelle variante</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="276"/>
        <source>Name of the new variant of {}:</source>
        <translation>Nom de la nouvelle variante de {} :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="296"/>
        <source>Choose a variant first: the town today cannot be edited.</source>
        <translation>Choisissez d&apos;abord une variante : la ville actuelle ne se modifie pas.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="324"/>
        <source>Click the parcel to build on</source>
        <translation>Cliquez sur la parcelle à construire</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="329"/>
        <source>That is not a parcel: click a polygon of a parcels layer.</source>
        <translation>Ce n&apos;est pas une parcelle : cliquez sur un polygone d&apos;une couche de parcelles.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="335"/>
        <source>Footprint to import</source>
        <translation>Emprise à importer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="336"/>
        <source>Vector files (*.geojson *.json *.gpkg *.shp)</source>
        <translation>Fichiers vecteur (*.geojson *.json *.gpkg *.shp)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="348"/>
        <source>Architect&apos;s model</source>
        <translation>Maquette de l&apos;architecte</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="349"/>
        <source>3D models (*.glb *.gltf *.obj *.ply *.stl)</source>
        <translation>Modèles 3D (*.glb *.gltf *.obj *.ply *.stl)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="357"/>
        <source>Point the view at the ground where the model goes, then place it again.</source>
        <translation>Orientez la vue vers le sol où va la maquette, puis placez-la à nouveau.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="369"/>
        <source>Click the building to demolish</source>
        <translation>Cliquez sur le bâtiment à démolir</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="373"/>
        <source>That is not an existing building: click one of the town&apos;s buildings.</source>
        <translation>Ce n&apos;est pas un bâtiment existant : cliquez sur un bâtiment de la ville.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="384"/>
        <source>Click the building whose height changes</source>
        <translation>Cliquez sur le bâtiment dont la hauteur change</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="391"/>
        <source>New height of {} (m):</source>
        <translation>Nouvelle hauteur de {} (m) :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="406"/>
        <source>This scene has no project to report on.</source>
        <translation>Cette scène n&apos;a aucun projet dont faire le rapport.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="410"/>
        <source>Report of the project</source>
        <translation>Rapport du projet</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="411"/>
        <source>PDF (*.pdf);;Web page (*.html)</source>
        <translation>PDF (*.pdf);;Page web (*.html)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="419"/>
        <source>Writing the project&apos;s report…</source>
        <translation>Rédaction du rapport du projet…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="428"/>
        <source>Show a variant to export its metrics.</source>
        <translation>Affichez une variante pour exporter ses indicateurs.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="431"/>
        <source>Export the metrics</source>
        <translation>Exporter les indicateurs</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="444"/>
        <source>{} m</source>
        <translation>{} m</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="445"/>
        <source>New building {}: {} m², {}, {} roof</source>
        <translation>Nouveau bâtiment {} : {} m², {}, toiture {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="448"/>
        <source>Model {}</source>
        <translation>Maquette {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="450"/>
        <source>Demolish {}</source>
        <translation>Démolir {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/projects_panel.py" line="451"/>
        <source>Height of {} → {} m</source>
        <translation>Hauteur de {} → {} m</translation>
    </message>
</context>
<context>
    <name>PropertiesPanel</name>
    <message>
        <location filename="../../twin/_qt/properties.py" line="88"/>
        <source>Select a layer to see its properties.</source>
        <translation>Sélectionnez une couche pour voir ses propriétés.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="90"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="91"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="95"/>
        <location filename="../../twin/_qt/properties.py" line="97"/>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="124"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="129"/>
        <source>Not loaded</source>
        <translation>Non chargée</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="140"/>
        <location filename="../../twin/_qt/properties.py" line="195"/>
        <source>Colour by</source>
        <translation>Couleur selon</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="146"/>
        <source>Point size</source>
        <translation>Taille des points</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="147"/>
        <source>Eye-dome lighting</source>
        <translation>Éclairage Eye-Dome</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="150"/>
        <location filename="../../twin/_qt/properties.py" line="171"/>
        <source>Shading</source>
        <translation>Ombrage</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="153"/>
        <location filename="../../twin/_qt/properties.py" line="196"/>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="158"/>
        <source>Relief (hillshade and height tint)</source>
        <translation>Relief (ombrage et teinte hypsométrique)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="160"/>
        <source>Tones by use and age</source>
        <translation>Teintes selon l&apos;usage et l&apos;âge</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="161"/>
        <source>Shade at the foot of walls</source>
        <translation>Ombre au pied des murs</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="162"/>
        <source>Outlines</source>
        <translation>Contours</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="162"/>
        <source>Orthophoto on roofs</source>
        <translation>Orthophoto sur les toits</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="170"/>
        <source>The orthophoto is draped instead</source>
        <translation>L&apos;orthophoto est drapée à la place</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="179"/>
        <source>Colour by attribute</source>
        <translation>Couleur selon un attribut</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="180"/>
        <source>(one colour)</source>
        <translation>(une seule couleur)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="197"/>
        <source>Number of classes</source>
        <translation>Nombre de classes</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="200"/>
        <source>Label from attribute</source>
        <translation>Étiquette depuis un attribut</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="201"/>
        <source>(no labels)</source>
        <translation>(pas d&apos;étiquettes)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="207"/>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="209"/>
        <source>Change the joined table…</source>
        <translation>Changer la table jointe…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="210"/>
        <source>Join a table…</source>
        <translation>Joindre une table…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="211"/>
        <source>joined: {}</source>
        <translation>jointe : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="212"/>
        <source>add a table&apos;s columns by key or by location (CSV, XLSX, Parquet)</source>
        <translation>ajouter les colonnes d&apos;une table par clé ou par localisation (CSV, XLSX, Parquet)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="214"/>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="240"/>
        <source>Level of detail</source>
        <translation>Niveau de détail</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="241"/>
        <source>finest of each object</source>
        <translation>le plus fin de chaque objet</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="243"/>
        <source>LoD {}</source>
        <translation>LoD {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="243"/>
        <source>no LoD</source>
        <translation>sans LoD</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="246"/>
        <source>Shown</source>
        <translation>Affiché</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="252"/>
        <source>Anchor E (m)</source>
        <translation>Ancrage E (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="253"/>
        <source>Anchor N (m)</source>
        <translation>Ancrage N (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="254"/>
        <source>Anchor altitude (m)</source>
        <translation>Altitude de l&apos;ancrage (m)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="255"/>
        <source>Rotation (°, anticlockwise)</source>
        <translation>Rotation (°, sens antihoraire)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="256"/>
        <source>Scale</source>
        <translation>Échelle</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="266"/>
        <source>Stand on the ground</source>
        <translation>Poser sur le sol</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="275"/>
        <source>Up axis of the model</source>
        <translation>Axe vertical de la maquette</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="278"/>
        <source>Up axis</source>
        <translation>Axe vertical</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="279"/>
        <source>Place at the view&apos;s centre</source>
        <translation>Placer au centre de la vue</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="328"/>
        <source>Reload the layer&apos;s files</source>
        <translation>Recharger les fichiers de la couche</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="336"/>
        <source>Plan IGN</source>
        <translation>Plan IGN</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="336"/>
        <source>IGN orthophotos</source>
        <translation>Orthophotos IGN</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="337"/>
        <source>Another service (URL below)</source>
        <translation>Autre service (URL ci-dessous)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="340"/>
        <location filename="../../twin/_qt/properties.py" line="341"/>
        <source>Basemap</source>
        <translation>Fond de plan</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="343"/>
        <source>URL (WMTS or XYZ {z}/{x}/{y})</source>
        <translation>URL (WMTS ou XYZ {z}/{x}/{y})</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="343"/>
        <source>WMTS layer</source>
        <translation>Couche WMTS</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="344"/>
        <source>WMTS style</source>
        <translation>Style WMTS</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="344"/>
        <source>Tile matrix set</source>
        <translation>Jeu de matrices de tuiles</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="345"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="345"/>
        <source>Attribution</source>
        <translation>Attribution</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="374"/>
        <source>Time offset</source>
        <translation>Décalage temporel</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="374"/>
        <source>e.g. -P7D: the state a week before the timeline&apos;s</source>
        <translation>ex. -P7D : l&apos;état une semaine avant celui de la frise</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="375"/>
        <source>Pinned at</source>
        <translation>Figé à</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="375"/>
        <source>an instant in UTC (2026-06-21T10:00:00Z) shown whatever the timeline; empty: follow it</source>
        <translation>un instant en UTC (2026-06-21T10:00:00Z) affiché quelle que soit la frise ; vide : la suivre</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="377"/>
        <source>Chart span</source>
        <translation>Durée du graphique</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="377"/>
        <source>how far back a picked feature&apos;s chart goes, e.g. P1D</source>
        <translation>jusqu&apos;où remonte le graphique d&apos;une entité choisie, ex. P1D</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="379"/>
        <source>Silent after</source>
        <translation>Muet après</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="380"/>
        <source>a reading older than this counts as no reading, e.g. PT1H</source>
        <translation>une mesure plus ancienne compte comme absente, ex. PT1H</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="381"/>
        <source>Compare with</source>
        <translation>Comparer avec</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="382"/>
        <source>the slot this long before, e.g. P7D (a week), P364D (a year)</source>
        <translation>le créneau autant de temps avant, ex. P7D (une semaine), P364D (un an)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="414"/>
        <source>Features</source>
        <translation>Entités</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="416"/>
        <source>Skipped</source>
        <translation>Ignorées</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="416"/>
        <source>{} without geometry</source>
        <translation>{} sans géométrie</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="418"/>
        <source>Repaired</source>
        <translation>Réparées</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="418"/>
        <source>{} invalid geometries</source>
        <translation>{} géométries invalides</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="421"/>
        <source>Heights from</source>
        <translation>Hauteurs issues de</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="424"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="424"/>
        <source>{} shown of {}</source>
        <translation>{} affichés sur {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="427"/>
        <source>Tiles</source>
        <translation>Dalles</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="427"/>
        <source>{}, {} of {} nodes shown</source>
        <translation>{}, {} nœuds affichés sur {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="431"/>
        <source>Grid</source>
        <translation>Grille</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/properties.py" line="431"/>
        <source>{}×{} at {} m</source>
        <translation>{}×{} à {} m</translation>
    </message>
</context>
<context>
    <name>PythonConsole</name>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="246"/>
        <source>Python input</source>
        <translation>Saisie Python</translation>
    </message>
</context>
<context>
    <name>QualityMenu</name>
    <message>
        <location filename="../../twin/_qt/quality.py" line="62"/>
        <source>3D &amp;quality</source>
        <translation>&amp;Qualité 3D</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/quality.py" line="64"/>
        <source>&amp;Automatic (from this machine&apos;s graphics)</source>
        <translation>&amp;Automatique (selon la carte graphique de ce poste)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/quality.py" line="64"/>
        <source>&amp;Low: no effect (fastest)</source>
        <translation>&amp;Basse : aucun effet (la plus rapide)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/quality.py" line="65"/>
        <source>&amp;Medium: smoothed edges, the sun&apos;s shadows on buildings</source>
        <translation>&amp;Moyenne : bords lissés, ombres portées du soleil sur les bâtiments</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/quality.py" line="66"/>
        <source>&amp;High: also ambient occlusion and multisampling (a GPU)</source>
        <translation>&amp;Haute : avec occlusion ambiante et multi-échantillonnage (carte graphique)</translation>
    </message>
</context>
<context>
    <name>SceneLoader</name>
    <message>
        <location filename="../../twin/_qt/loader.py" line="102"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/loader.py" line="102"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../twin/_qt/search.py" line="39"/>
        <source>Address, parcel id (62041000AB0012), coordinates, street…</source>
        <translation>Adresse, identifiant de parcelle (62041000AB0012), coordonnées, rue…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="66"/>
        <source>Searching addresses…</source>
        <translation>Recherche des adresses…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="91"/>
        <source>The address service is unavailable: only the loaded layers were searched.</source>
        <translation>Le service d&apos;adresses est indisponible : seules les couches chargées ont été consultées.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="93"/>
        <source>The address service is unavailable, and nothing in the loaded layers matches “{}”.</source>
        <translation>Le service d&apos;adresses est indisponible, et rien dans les couches chargées ne correspond à « {} ».</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="97"/>
        <source>Nothing matches “{}”.</source>
        <translation>Aucun résultat pour « {} ».</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="106"/>
        <source>coordinates</source>
        <translation>coordonnées</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="106"/>
        <source>parcel</source>
        <translation>parcelle</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="106"/>
        <source>address</source>
        <translation>adresse</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="107"/>
        <source>street</source>
        <translation>voie</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="107"/>
        <source>place</source>
        <translation>lieu</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="107"/>
        <source>bookmark</source>
        <translation>signet</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="172"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/search.py" line="195"/>
        <source>&amp;Search…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
</context>
<context>
    <name>SectionsPanel</name>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="21"/>
        <source>No cut</source>
        <translation>Pas de coupe</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="21"/>
        <source>Clipping box</source>
        <translation>Boîte de découpe</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="22"/>
        <source>Section plane</source>
        <translation>Plan de coupe</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="29"/>
        <source>Handles in the view</source>
        <translation>Poignées dans la vue</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="34"/>
        <source>Nudge step</source>
        <translation>Pas de déplacement</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="35"/>
        <source>Arrow keys move by</source>
        <translation>Les flèches déplacent de</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sections_panel.py" line="36"/>
        <source>Arrows: east-west, north-south (the plane: along its normal); Page Up/Down: up and down; Shift: ×10.</source>
        <translation>Flèches : est-ouest, nord-sud (le plan : selon sa normale) ; Page préc./suiv. : haut et bas ; Maj : ×10.</translation>
    </message>
</context>
<context>
    <name>SunPanel</name>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="85"/>
        <source>Light by the real sun</source>
        <translation>Éclairer par le soleil réel</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="86"/>
        <source>Light the maquette by the real sun</source>
        <translation>Éclairer la maquette par le soleil réel</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="87"/>
        <source>Shadows on the ground</source>
        <translation>Ombres au sol</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="88"/>
        <source>Show the buildings&apos; shadows</source>
        <translation>Afficher les ombres des bâtiments</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="89"/>
        <source>Day of the sun study</source>
        <translation>Jour de l&apos;étude d&apos;ensoleillement</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="93"/>
        <source>{} of the year shown</source>
        <translation>{} de l&apos;année affichée</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="94"/>
        <source>Hour of the day (Paris time)</source>
        <translation>Heure du jour (heure de Paris)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="95"/>
        <source>Play the day</source>
        <translation>Dérouler la journée</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="96"/>
        <source>Play the day from sunrise to sunset</source>
        <translation>Dérouler la journée du lever au coucher du soleil</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="97"/>
        <source>Sun position</source>
        <translation>Position du soleil</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="98"/>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="99"/>
        <source>Hour</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="139"/>
        <source>azimuth {}°, elevation {}°</source>
        <translation>azimut {}°, hauteur {}°</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="140"/>
        <source>below the horizon ({}°)</source>
        <translation>sous l&apos;horizon ({}°)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/sun_panel.py" line="141"/>
        <source>Sun: {}
Sunrise {}, sunset {} (Paris time)</source>
        <translation>Soleil : {}
Lever {}, coucher {} (heure de Paris)</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="17"/>
        <source>1 min/s</source>
        <translation>1 min/s</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="17"/>
        <source>10 min/s</source>
        <translation>10 min/s</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="18"/>
        <source>1 h/s</source>
        <translation>1 h/s</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="18"/>
        <source>6 h/s</source>
        <translation>6 h/s</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="19"/>
        <source>1 day/s</source>
        <translation>1 jour/s</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="84"/>
        <source>Date and time shown (Europe/Paris)</source>
        <translation>Date et heure affichées (Europe/Paris)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="85"/>
        <source>Start of the range played (Europe/Paris)</source>
        <translation>Début de la période lue (Europe/Paris)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="86"/>
        <source>End of the range played (Europe/Paris)</source>
        <translation>Fin de la période lue (Europe/Paris)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="88"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="89"/>
        <source>Fit to data</source>
        <translation>Ajuster aux données</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="90"/>
        <source>Play over the period the visible time-aware layers cover</source>
        <translation>Lire sur la période couverte par les couches temporelles visibles</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="153"/>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="91"/>
        <source>Play or pause the timeline</source>
        <translation>Lire ou mettre en pause la frise</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="92"/>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="95"/>
        <source>Loop</source>
        <translation>Boucle</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="96"/>
        <source>Live</source>
        <translation>Direct</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="97"/>
        <source>Follow the present time</source>
        <translation>Suivre l&apos;heure actuelle</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="98"/>
        <source>Time (Paris)</source>
        <translation>Heure (Paris)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="98"/>
        <source>from</source>
        <translation>du</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="98"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="131"/>
        <source>No visible time-aware layer has data to fit to</source>
        <translation>Aucune couche temporelle visible n&apos;a de données auxquelles s&apos;ajuster</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/timeline.py" line="153"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>Toolbox</name>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="127"/>
        <source>Search algorithms…</source>
        <translation>Rechercher un algorithme…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="128"/>
        <source>Search algorithms</source>
        <translation>Rechercher un algorithme</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="132"/>
        <source>Algorithms</source>
        <translation>Algorithmes</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="136"/>
        <source>Run</source>
        <translation>Exécuter</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="138"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="161"/>
        <source>Plugins</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/toolbox.py" line="226"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>ToolsMenu</name>
    <message>
        <location filename="../../twin/_qt/tools_menu.py" line="13"/>
        <source>T&amp;ools</source>
        <translation>&amp;Outils</translation>
    </message>
</context>
<context>
    <name>ToursPanel</name>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="45"/>
        <source>New…</source>
        <translation>Nouvelle…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="46"/>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="47"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="48"/>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="49"/>
        <source>Present…</source>
        <translation>Présenter…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="50"/>
        <source>Export video…</source>
        <translation>Exporter en vidéo…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="52"/>
        <source>Record view</source>
        <translation>Enregistrer la vue</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="53"/>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="54"/>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="55"/>
        <source>Remove stop</source>
        <translation>Supprimer l&apos;étape</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="57"/>
        <source>Hold</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="58"/>
        <source>Flight</source>
        <translation>Vol</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="59"/>
        <source>Caption (FR)</source>
        <translation>Légende (FR)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="60"/>
        <source>Caption (EN)</source>
        <translation>Légende (EN)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="111"/>
        <source>Stop</source>
        <translation>Étape</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="137"/>
        <location filename="../../twin/_qt/tours_panel.py" line="143"/>
        <source>Tours</source>
        <translation>Visites</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="137"/>
        <source>A tour keeps at least one stop; remove the tour instead.</source>
        <translation>Une visite garde au moins une étape ; supprimez plutôt la visite.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="155"/>
        <source>New tour</source>
        <translation>Nouvelle visite</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="155"/>
        <source>Name of the tour:</source>
        <translation>Nom de la visite :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="169"/>
        <source>Rename tour</source>
        <translation>Renommer la visite</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="169"/>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="185"/>
        <source>Tour %1</source>
        <translation>Visite %1</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="238"/>
        <source>Export tour video</source>
        <translation>Exporter la visite en vidéo</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="239"/>
        <source>MP4 video (*.mp4)</source>
        <translation>Vidéo MP4 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="247"/>
        <source>Exporting the tour video…</source>
        <translation>Export de la vidéo de la visite…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/tours_panel.py" line="249"/>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
</context>
<context>
    <name>ViewTool</name>
    <message>
        <location filename="../../twin/_qt/view_tools.py" line="77"/>
        <source>Click the corners of the footprint; Enter or double-click to close, Backspace to undo a corner, Esc to cancel</source>
        <translation>Cliquez sur les sommets de l&apos;emprise ; Entrée ou double-clic pour fermer, Retour arrière pour annuler un sommet, Échap pour abandonner</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/view_tools.py" line="83"/>
        <source>Click the vertices of the line; Enter or double-click to end it, Backspace to undo a vertex, Esc to cancel</source>
        <translation>Cliquez les sommets de la ligne ; Entrée ou double-clic pour la terminer, Retour arrière pour retirer un sommet, Échap pour annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/view_tools.py" line="89"/>
        <source>Click a point in the view (Esc to cancel)</source>
        <translation>Cliquez un point dans la vue (Échap pour annuler)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/view_tools.py" line="94"/>
        <source>{} (Esc to cancel)</source>
        <translation>{} (Échap pour abandonner)</translation>
    </message>
</context>
<context>
    <name>VisitorControls</name>
    <message>
        <location filename="../../twin/_qt/kiosk_controls.py" line="43"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_controls.py" line="44"/>
        <source>Play the tour on</source>
        <translation>Reprendre la visite</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_controls.py" line="46"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk_controls.py" line="47"/>
        <source>Pause the tour</source>
        <translation>Mettre la visite en pause</translation>
    </message>
</context>
<context>
    <name>_AlgorithmWorker</name>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="93"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/plugins_ui.py" line="100"/>
        <source>{}. Its plugin is switched off for this session.</source>
        <translation>{}. Son extension est désactivée pour cette session.</translation>
    </message>
</context>
</TS>
