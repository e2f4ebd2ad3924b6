<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>CommuneDialog</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="25"/>
        <source>New scene from a commune&apos;s folder</source>
        <translation>Nouvelle scène depuis le dossier d’une commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="28"/>
        <source>Commune outlines found in the folder: {}</source>
        <translation>Contours de communes trouvés dans le dossier : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="32"/>
        <source>The whole folder (no commune)</source>
        <translation>Tout le dossier (aucune commune)</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="40"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="41"/>
        <source>Commune (INSEE code or name):</source>
        <translation>Commune (code INSEE ou nom) :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="46"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="47"/>
        <source>Buffer around the commune</source>
        <translation>Marge autour de la commune</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="48"/>
        <source>Buffer around the commune:</source>
        <translation>Marge autour de la commune :</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="53"/>
        <source>Build the scene</source>
        <translation>Construire la scène</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="54"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="76"/>
        <source>No commune “{}” in this folder: pick one in the list.</source>
        <translation>Aucune commune « {} » dans ce dossier : choisissez-en une dans la liste.</translation>
    </message>
</context>
<context>
    <name>CommuneWizard</name>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="97"/>
        <source>Looking for the communes&apos; outlines…</source>
        <translation>Recherche des contours des communes…</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="103"/>
        <source>No scene built</source>
        <translation>Aucune scène construite</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/commune_dialog.py" line="118"/>
        <source>Building the scene…</source>
        <translation>Construction de la scène…</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="287"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="304"/>
        <source>Wheelchair access</source>
        <translation>Fauteuil roulant</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="304"/>
        <source>Hearing</source>
        <translation>Audition</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="305"/>
        <source>Sight</source>
        <translation>Vision</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="305"/>
        <source>Mental disability</source>
        <translation>Handicap mental</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="310"/>
        <location filename="../../twin/_qt/kiosk.py" line="311"/>
        <source>Show or hide: {}</source>
        <translation>Afficher ou masquer : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="314"/>
        <source>Touch to explore: one finger turns, two fingers move, pinch to zoom</source>
        <translation>Touchez pour explorer : un doigt pour tourner, deux pour déplacer, pincez pour zoomer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="317"/>
        <source>Tourist information</source>
        <translation>Office de tourisme</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="318"/>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="319"/>
        <location filename="../../twin/_qt/kiosk.py" line="320"/>
        <source>Back to the start view</source>
        <translation>Revenir à la vue de départ</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="322"/>
        <location filename="../../twin/_qt/kiosk.py" line="323"/>
        <source>Show or hide the layers&apos; buttons</source>
        <translation>Afficher ou masquer les boutons des couches</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="328"/>
        <location filename="../../twin/_qt/kiosk.py" line="329"/>
        <source>Play the tour: {}</source>
        <translation>Lancer la visite : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="335"/>
        <location filename="../../twin/_qt/kiosk.py" line="336"/>
        <source>Only places suited to: {}</source>
        <translation>Seulement les lieux adaptés : {}</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/kiosk.py" line="341"/>
        <source>3D view of the town</source>
        <translation>Vue 3D de la ville</translation>
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
    <name>PresentWindow</name>
    <message>
        <location filename="../../twin/_qt/present.py" line="49"/>
        <source>twin — presentation</source>
        <translation>twin — présentation</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="147"/>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="180"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="183"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="185"/>
        <source>No project variant to compare</source>
        <translation>Aucune variante de projet à comparer</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="191"/>
        <source>Sun: %1</source>
        <translation>Soleil : %1</translation>
    </message>
    <message>
        <location filename="../../twin/_qt/present.py" line="231"/>
        <source>Some layers could not be loaded</source>
        <translation>Certaines couches n&apos;ont pas pu être chargées</translation>
    </message>
</context>
</TS>
