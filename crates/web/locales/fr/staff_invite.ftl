# Inviter des collaborateurs, modifier rôle et entités (administration)
staff-invite-title = Inviter un collaborateur
staff-invite-intro = La personne invitée reçoit un e-mail avec un lien pour définir son mot de passe. D’ici là, elle ne peut pas se connecter.
staff-invite-tenants-hint = Elle voit les clients et dossiers des entités cochées. Sans entité : toutes les entités (administrateurs uniquement, attribuée seulement par un administrateur de toutes les entités).
staff-invite-tenant-unknown = Cette entité ne peut pas être attribuée ici.
staff-invite-tenants-required = Veuillez cocher au moins une entité.
staff-invite-done = L’invitation a été envoyée.
staff-role-form-title = Rôle et entités
staff-role-save = Enregistrer le rôle et les entités
staff-role-done = Le rôle et les entités ont été modifiés ; ils s’appliquent dès la prochaine page ouverte par la personne.
staff-users-own-change = Vous ne pouvez pas modifier votre propre rôle ni vos entités ; demandez à un autre administrateur.
